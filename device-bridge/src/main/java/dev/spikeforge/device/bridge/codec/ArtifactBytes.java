package dev.spikeforge.device.bridge.codec;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.util.zip.CRC32C;

/**
 * The artifact file bytes of a compiled network, byte for byte what {@link ArtifactFiles#write}
 * puts on disk: the device receives exactly a .sfcn file, so a file can also be uploaded as is.
 */
public final class ArtifactBytes {
    private ArtifactBytes() {}

    public static byte[] of(CompiledNetwork network) {
        return ArtifactFiles.encode(network);
    }

    public static int crc32c(byte[] bytes) {
        return crc32c(bytes, 0, bytes.length);
    }

    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
