package dev.spikeforge.proto.artifact;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.validate.ArtifactValidatorTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not what a reader expects are refused before their payload is read, with the path
 * and the reason.
 */
class HostileFilesTest {
    @TempDir Path dir;

    private ArtifactException refused(
            Path file, ArtifactException.Problem problem, String expected) {
        ArtifactException e =
                assertThrows(
                        ArtifactException.class,
                        () -> ArtifactReader.read(file, ArtifactKind.COMPILED_NETWORK));
        assertEquals(problem, e.problem(), e.getMessage());
        assertTrue(
                e.getMessage().startsWith(file + ": "),
                "the message starts with the path: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        refused(dir, ArtifactException.Problem.NOT_AN_ARTIFACT, "is a directory, not a file");
    }

    @Test
    void aMissingFileSaysSo() {
        refused(dir.resolve("nope.sfc"), ArtifactException.Problem.MISSING, "no such file");
    }

    @Test
    void devZeroIsNotAnArtifactAndIsNotReadToTheEnd() {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero));
        refused(
                zero,
                ArtifactException.Problem.NOT_AN_ARTIFACT,
                "not a Spikeforge artifact (unknown magic bytes)");
    }

    @Test
    void aHugeSparseFileWithAValidHeaderIsRefusedBeforeItsPayloadIsRead() throws IOException {
        byte[] real = ArtifactFiles.encode(ArtifactValidatorTest.oneNeuron());
        Path big = dir.resolve("big.sfc");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            byte[] header = real.clone();
            ByteBuffer.wrap(header, 8, 8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(3L << 30); // declares 3 GiB
            f.write(header, 0, ArtifactFiles.HEADER_BYTES);
            f.setLength(ArtifactFiles.HEADER_BYTES + (3L << 30)); // sparse: no disk used
        }
        refused(
                big,
                ArtifactException.Problem.TOO_LARGE,
                "the header declares a payload of 3221225472 bytes, more than an artifact may"
                        + " hold");
        ByteBuffer.wrap(real, 8, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1); // 2^64 - 1
        Path huge = dir.resolve("huge.sfc");
        Files.write(huge, real);
        refused(
                huge,
                ArtifactException.Problem.TOO_LARGE,
                "declares a payload of 18446744073709551615 bytes");
    }

    @Test
    void aCheckpointIsNamedAsOneWithWhereItBelongs() throws IOException {
        Path ck = dir.resolve("checkpoint.sfck");
        Files.write(
                ck, "SFCK\1\0\0\0garbage-of-a-checkpoint".getBytes(StandardCharsets.ISO_8859_1));
        refused(
                ck,
                ArtifactException.Problem.WRONG_KIND,
                "is a training checkpoint (SFCK), not a network artifact: continue its run with"
                        + " `spikeforge train --resume DIR`");
    }

    @Test
    void jsonWithTrailingGarbageIsRefusedLikeConvertRefusesIt() throws IOException {
        String json = JsonForm.toJson(ArtifactValidatorTest.oneNeuron());
        Path f = dir.resolve("net.json");
        Files.writeString(f, json + "\n}garbage");
        refused(f, ArtifactException.Problem.CORRUPT, "unexpected content after the JSON object");
        Files.writeString(f, json + "\n// a comment");
        refused(f, ArtifactException.Problem.CORRUPT, "not valid JSON");
        Files.writeString(f, "\uFEFF" + json);
        assertEquals(
                ArtifactValidatorTest.oneNeuron(),
                ArtifactReader.read(f, ArtifactKind.COMPILED_NETWORK),
                "a byte-order mark is skipped");
    }

    @Test
    void invalidValuesInJsonAreRefusedNamingTheFileAndField() throws IOException {
        Path f = dir.resolve("net.json");
        Files.writeString(
                f,
                JsonForm.toJson(ArtifactValidatorTest.oneNeuron())
                        .replace("\"vth_mant\": 25", "\"vth_mant\": 33554432"));
        refused(
                f,
                ArtifactException.Problem.INVALID,
                "layer 0 'n' neuron.vth_mant is 33554432, outside 1..131071");
        Files.writeString(f, "{}");
        refused(f, ArtifactException.Problem.INVALID, "layers: there are none");
    }

    @Test
    void anInvalidArtifactFileIsRefusedToo() {
        CompiledNetwork n = ArtifactValidatorTest.oneNeuron();
        Path f = dir.resolve("bad.sfc");
        // encode() does not validate: a writer with a bug still produces the file, and every reader
        // refuses it
        ArtifactFiles.write(f, n.toBuilder().clearCores().build());
        refused(f, ArtifactException.Problem.INVALID, "cores: there are none");
    }

    @Test
    void leftoverTempFilesOfDeadWritersAreRemovedOnTheNextWrite() throws Exception {
        Path target = dir.resolve("net.sfc");
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path abandoned = dir.resolve(".net.sfc." + dead + ".k3j4.tmp");
        Path live =
                dir.resolve(
                        ".net.sfc."
                                + ProcessHandle.current().parent().orElseThrow().pid()
                                + ".a1.tmp");
        Path other = dir.resolve(".other.sfc." + dead + ".k3j4.tmp");
        for (Path t : new Path[] {abandoned, live, other}) Files.writeString(t, "half a file");
        ArtifactFiles.write(target, ArtifactValidatorTest.oneNeuron());
        assertFalse(Files.exists(abandoned), "a dead writer's temp file of this path is removed");
        assertTrue(Files.exists(live), "a live process's temp file is left alone");
        assertTrue(Files.exists(other), "another path's temp files are not this write's business");
        assertEquals(
                ArtifactValidatorTest.oneNeuron(),
                ArtifactReader.read(target, ArtifactKind.COMPILED_NETWORK));
    }
}
