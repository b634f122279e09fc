package dev.spikeforge.proto.artifact;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.*;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFilesTest {
    @TempDir Path dir;

    static TrainedNetwork sampleNetwork() {
        return TrainedNetwork.newBuilder()
                .setName("tiny")
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(4)
                                .setEncoding(Encoding.RATE)
                                .setSteps(10)
                                .setGain(1f)
                                .setEncodingSeed(3))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("hidden")
                                .setKind(LayerKind.DENSE_LIF)
                                .setSize(2)
                                .setWeights(
                                        Tensor.newBuilder()
                                                .addShape(2)
                                                .addShape(4)
                                                .addAllValues(
                                                        Arrays.asList(
                                                                0.5f, -0.25f, 1f, 0f, 0.1f, 0.2f,
                                                                0.3f, 0.4f)))
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1f)
                                                .setDv(0.1f)
                                                .setThreshold(1f)))
                .setProvenance(
                        Provenance.newBuilder()
                                .setSeed(42)
                                .setDataset("unit-test")
                                .putMetrics("test_accuracy", 0.5))
                .build();
    }

    @Test
    void roundTripsThroughTheFileAndJson() {
        Path f = dir.resolve("net.sft");
        TrainedNetwork net = sampleNetwork();
        ArtifactFiles.write(f, net);
        TrainedNetwork back = ArtifactFiles.read(f, ArtifactKind.TRAINED_NETWORK);
        assertEquals(net, back);
        String json = JsonForm.toJson(back);
        assertTrue(json.contains("\"encoding\": \"RATE\""), json);
        assertEquals(net, JsonForm.fromJson(f, json, ArtifactKind.TRAINED_NETWORK));
        assertEquals(net, ArtifactFiles.readAny(f));
    }

    @Test
    void truncatedFileIsNamedTruncated() throws IOException {
        Path f = dir.resolve("net.sft");
        ArtifactFiles.write(f, sampleNetwork());
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 7));
        ArtifactException e =
                assertThrows(
                        ArtifactException.class,
                        () -> ArtifactFiles.read(f, ArtifactKind.TRAINED_NETWORK));
        assertEquals(ArtifactException.Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(f, Arrays.copyOf(b, 10));
        assertEquals(
                ArtifactException.Problem.TRUNCATED,
                assertThrows(
                                ArtifactException.class,
                                () -> ArtifactFiles.read(f, ArtifactKind.TRAINED_NETWORK))
                        .problem());
    }

    @Test
    void flippedPayloadByteIsNamedCorrupt() throws IOException {
        Path f = dir.resolve("net.sft");
        ArtifactFiles.write(f, sampleNetwork());
        byte[] b = Files.readAllBytes(f);
        b[ArtifactFiles.HEADER_BYTES + 5] ^= 0x10;
        Files.write(f, b);
        ArtifactException e =
                assertThrows(
                        ArtifactException.class,
                        () -> ArtifactFiles.read(f, ArtifactKind.TRAINED_NETWORK));
        assertEquals(ArtifactException.Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void otherFormatVersionIsNamedWithBothVersions() throws IOException {
        Path f = dir.resolve("net.sft");
        ArtifactFiles.write(f, sampleNetwork());
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b, 4, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 7);
        Files.write(f, b);
        ArtifactException e =
                assertThrows(
                        ArtifactException.class,
                        () -> ArtifactFiles.read(f, ArtifactKind.TRAINED_NETWORK));
        assertEquals(ArtifactException.Problem.WRONG_VERSION, e.problem());
        assertTrue(
                e.getMessage().contains("format version 7")
                        && e.getMessage().contains("reads version 1"),
                e.getMessage());
    }

    @Test
    void wrongKindJsonAndMissingFilesSayWhatTheyAre() throws IOException {
        Path f = dir.resolve("net.sft");
        ArtifactFiles.write(f, sampleNetwork());
        ArtifactException kind =
                assertThrows(
                        ArtifactException.class,
                        () -> ArtifactFiles.read(f, ArtifactKind.COMPILED_NETWORK));
        assertEquals(ArtifactException.Problem.WRONG_KIND, kind.problem());
        assertTrue(
                kind.getMessage()
                        .contains("is a trained network, but a compiled network is needed"),
                kind.getMessage());

        Path json = dir.resolve("net.json");
        Files.writeString(json, JsonForm.toJson(sampleNetwork()));
        ArtifactException notArtifact =
                assertThrows(
                        ArtifactException.class,
                        () -> ArtifactFiles.read(json, ArtifactKind.TRAINED_NETWORK));
        assertEquals(ArtifactException.Problem.NOT_AN_ARTIFACT, notArtifact.problem());
        assertTrue(notArtifact.getMessage().contains("convert"), notArtifact.getMessage());

        ArtifactException missing =
                assertThrows(
                        ArtifactException.class,
                        () ->
                                ArtifactFiles.read(
                                        dir.resolve("nope"), ArtifactKind.TRAINED_NETWORK));
        assertEquals(ArtifactException.Problem.MISSING, missing.problem());
    }

    @Test
    void jsonWithAnUnknownFieldIsRejectedNamingIt() {
        String json = "{\"name\": \"x\", \"layerz\": []}";
        ArtifactException e =
                assertThrows(
                        ArtifactException.class,
                        () ->
                                JsonForm.fromJson(
                                        dir.resolve("hand.json"),
                                        json,
                                        ArtifactKind.TRAINED_NETWORK));
        assertTrue(e.getMessage().contains("layerz"), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTempFiles() throws IOException {
        Path f = dir.resolve("net.sft");
        ArtifactFiles.write(f, sampleNetwork());
        byte[] before = Files.readAllBytes(f);
        ArtifactFiles.write(f, sampleNetwork().toBuilder().setName("second").build());
        assertNotEquals(Arrays.toString(before), Arrays.toString(Files.readAllBytes(f)));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the artifact itself, no temp file left behind");
        }
        // Writing into a path whose parent is a regular file fails without touching anything.
        Path bad = f.resolve("child.sft");
        assertThrows(ArtifactException.class, () -> ArtifactFiles.write(bad, sampleNetwork()));
        assertEquals("second", ((TrainedNetwork) ArtifactFiles.readAny(f)).getName());
    }

    @Test
    void writtenFilesGetTheModeOfAnyNewFileNotTheTempFiles0600() throws IOException {
        // The reference is what the umask gives a plain new file (0644 under 022); a 077 umask
        // makes the check moot.
        Path reference = Files.createFile(dir.resolve("reference"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        Assumptions.assumeTrue(
                expected.contains(PosixFilePermission.OTHERS_READ),
                "umask leaves others no read: " + expected);
        Path f = dir.resolve("net.sft"), text = dir.resolve("sub/results.json");
        ArtifactFiles.write(f, sampleNetwork());
        ArtifactFiles.writeAtomically(
                text, "{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(
                PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(text)));
        // A rewrite replaces a file someone made private with a normally readable one, as a fresh
        // write would.
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        ArtifactFiles.write(f, sampleNetwork());
        assertEquals(
                PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
}
