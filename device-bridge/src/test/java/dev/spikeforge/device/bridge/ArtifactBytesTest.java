package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactBytesTest {

    @Test
    void bytesAreWhatArtifactFilesWrites(@TempDir Path dir) throws Exception {
        CompiledNetwork net = TestNetworks.readoutNetwork(1);
        Path file = dir.resolve("n.sfcn");
        ArtifactFiles.write(file, net);
        byte[] bytes = ArtifactBytes.of(net);
        assertArrayEquals(Files.readAllBytes(file), bytes);
        assertEquals(net, ArtifactFiles.decode(file, bytes, ArtifactKind.COMPILED_NETWORK));
    }
}
