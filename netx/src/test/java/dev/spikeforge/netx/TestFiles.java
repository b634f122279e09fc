package dev.spikeforge.netx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lava-dl files in testdata/netx/lava-dl, and a reader for their .npy arrays (little-endian
 * float32/float64/int64, C order).
 */
public final class TestFiles {
    private TestFiles() {}

    public static Path lavaDl(String name) {
        Path p = Path.of("..", "testdata", "netx", "lava-dl", name);
        if (!Files.exists(p))
            throw new IllegalStateException("missing test file " + p.toAbsolutePath());
        return p;
    }

    /** An .npy array: its shape and values as doubles. */
    public record Npy(int[] shape, double[] values) {}

    public static Npy npy(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        String header = new String(b, 10, headerLen, java.nio.charset.StandardCharsets.US_ASCII);
        if (header.contains("'fortran_order': True"))
            throw new IOException(file + ": Fortran order");
        String descr = header.replaceAll(".*'descr': '([^']*)'.*", "$1").trim();
        String dims = header.replaceAll(".*'shape': \\(([^)]*)\\).*", "$1").trim();
        int[] shape =
                dims.isEmpty()
                        ? new int[0]
                        : Arrays.stream(dims.split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .mapToInt(Integer::parseInt)
                                .toArray();
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        ByteBuffer buf =
                ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen)
                        .order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] =
                    switch (descr) {
                        case "<f4" -> buf.getFloat();
                        case "<f8" -> buf.getDouble();
                        case "<i8" -> buf.getLong();
                        default ->
                                throw new IOException(file + ": dtype " + descr + " not read here");
                    };
        }
        return new Npy(shape, v);
    }
}
