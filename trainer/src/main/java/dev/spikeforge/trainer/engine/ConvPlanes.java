package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.ConvShape;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layout work around a conv chunk's GEMMs, for float buffers, one image plane at a time: each
 * plane of an NCHW row ([H, W] of one channel, contiguous) or of a channel-major matrix row (one
 * image's oH·oW positions, contiguous) moves in one bulk copy, and the shifts of the kernel offsets
 * happen in small Java arrays. This replaces ND4J's zero-padded channel-major copy, its k² strided
 * im2col copies, the col2im stack and its GEMV, and the permutes between NCHW and channel-major,
 * all of which ran single-threaded at a fraction of memory speed. Zero padding is not stored:
 * positions outside the map are skipped.
 *
 * <p>Columns: row c·k² + ky·k + kx, column i·oH·oW + y·oW + x holds in[i, c, y·s + ky − p, x·s + kx
 * − p] (0 outside).
 */
final class ConvPlanes {
    private final ConvShape shape;
    private final int kk, inPlane, outPlane;
    private final ThreadLocal<float[][]> scratch;

    ConvPlanes(ConvShape shape) {
        this.shape = shape;
        this.kk = shape.kernel() * shape.kernel();
        this.inPlane = shape.inHeight() * shape.inWidth();
        this.outPlane = shape.outHeight() * shape.outWidth();
        this.scratch =
                ThreadLocal.withInitial(
                        () ->
                                new float[][] {
                                    new float[inPlane], new float[outPlane], new float[inPlane]
                                });
    }

    /** columns [C·k², n·oH·oW] of images r0 … r0+n−1 of {@code in} [rows, C·H·W]. */
    void im2col(INDArray in, long r0, int n, INDArray columns) {
        FloatBuffer src = buffer(in), dst = buffer(columns);
        int inOff = offset(in),
                colOff = offset(columns),
                width = (int) in.columns(),
                rowLength = n * outPlane;
        float[][] s = scratch.get();
        float[] plane = s[0], shifted = s[1];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < shape.inChannels(); c++) {
                src.get(inOff + (int) (r0 + i) * width + c * inPlane, plane, 0, inPlane);
                for (int k = 0; k < kk; k++) {
                    gather(plane, k / shape.kernel(), k % shape.kernel(), shifted);
                    dst.put(colOff + (c * kk + k) * rowLength + i * outPlane, shifted, 0, outPlane);
                }
            }
        }
    }

    /** {@code in} [rows, C·H·W] rows r0 … r0+n−1 += col2im(columnGrad [C·k², n·oH·oW]). */
    void col2imAdd(INDArray columnGrad, long r0, int n, INDArray in) {
        FloatBuffer src = buffer(columnGrad), dst = buffer(in);
        int colOff = offset(columnGrad),
                inOff = offset(in),
                width = (int) in.columns(),
                rowLength = n * outPlane;
        float[][] s = scratch.get();
        float[] plane = s[0], shifted = s[1], sum = s[2];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < shape.inChannels(); c++) {
                java.util.Arrays.fill(sum, 0f);
                for (int k = 0; k < kk; k++) {
                    src.get(colOff + (c * kk + k) * rowLength + i * outPlane, shifted, 0, outPlane);
                    scatterAdd(shifted, k / shape.kernel(), k % shape.kernel(), sum);
                }
                int at = inOff + (int) (r0 + i) * width + c * inPlane;
                dst.get(at, plane, 0, inPlane);
                for (int j = 0; j < inPlane; j++) plane[j] += sum[j];
                dst.put(at, plane, 0, inPlane);
            }
        }
    }

    /** channelMajor [O, n·oH·oW] → rows r0 … r0+n−1 of {@code rows} [rows, O·oH·oW] (NCHW). */
    void toRows(INDArray channelMajor, long r0, int n, INDArray rows) {
        FloatBuffer src = buffer(channelMajor), dst = buffer(rows);
        int cmOff = offset(channelMajor),
                rowOff = offset(rows),
                width = (int) rows.columns(),
                rowLength = n * outPlane;
        for (int o = 0; o < shape.outChannels(); o++) {
            for (int i = 0; i < n; i++) {
                dst.put(
                        rowOff + (int) (r0 + i) * width + o * outPlane,
                        src,
                        cmOff + o * rowLength + i * outPlane,
                        outPlane);
            }
        }
    }

    /** Rows r0 … r0+n−1 of {@code rows} [rows, O·oH·oW] (NCHW) → channelMajor [O, n·oH·oW]. */
    void fromRows(INDArray rows, long r0, int n, INDArray channelMajor) {
        FloatBuffer src = buffer(rows), dst = buffer(channelMajor);
        int rowOff = offset(rows),
                cmOff = offset(channelMajor),
                width = (int) rows.columns(),
                rowLength = n * outPlane;
        for (int o = 0; o < shape.outChannels(); o++) {
            for (int i = 0; i < n; i++) {
                dst.put(
                        cmOff + o * rowLength + i * outPlane,
                        src,
                        rowOff + (int) (r0 + i) * width + o * outPlane,
                        outPlane);
            }
        }
    }

    /** out[y·oW + x] = plane[y·s + ky − p, x·s + kx − p], 0 outside the map. */
    private void gather(float[] plane, int ky, int kx, float[] out) {
        int h = shape.inHeight(),
                w = shape.inWidth(),
                oh = shape.outHeight(),
                ow = shape.outWidth();
        int s = shape.stride(), p = shape.padding();
        int x0 = firstInside(kx, p, s), x1 = endInside(kx, p, s, w, ow);
        for (int y = 0; y < oh; y++) {
            int iy = y * s + ky - p, o = y * ow;
            if (iy < 0 || iy >= h || x0 >= x1) {
                java.util.Arrays.fill(out, o, o + ow, 0f);
                continue;
            }
            java.util.Arrays.fill(out, o, o + x0, 0f);
            int base = iy * w + kx - p;
            if (s == 1) {
                System.arraycopy(plane, base + x0, out, o + x0, x1 - x0);
            } else {
                for (int x = x0; x < x1; x++) out[o + x] = plane[base + x * s];
            }
            java.util.Arrays.fill(out, o + x1, o + ow, 0f);
        }
    }

    /**
     * sum[y·s + ky − p, x·s + kx − p] += shifted[y·oW + x] inside the map: the adjoint of {@link
     * #gather}.
     */
    private void scatterAdd(float[] shifted, int ky, int kx, float[] sum) {
        int h = shape.inHeight(),
                w = shape.inWidth(),
                oh = shape.outHeight(),
                ow = shape.outWidth();
        int s = shape.stride(), p = shape.padding();
        int x0 = firstInside(kx, p, s), x1 = endInside(kx, p, s, w, ow);
        for (int y = 0; y < oh; y++) {
            int iy = y * s + ky - p;
            if (iy < 0 || iy >= h) continue;
            int base = iy * w + kx - p, o = y * ow;
            for (int x = x0; x < x1; x++) sum[base + x * s] += shifted[o + x];
        }
    }

    /** The first output column whose input column x·s + kx − p is ≥ 0. */
    private static int firstInside(int kx, int p, int s) {
        int need = p - kx; // x·s ≥ need
        return need <= 0 ? 0 : (need + s - 1) / s;
    }

    /** One past the last output column whose input column is < w (at most oW). */
    private static int endInside(int kx, int p, int s, int w, int ow) {
        int limit = w - 1 + p - kx; // x·s ≤ limit
        return limit < 0 ? 0 : Math.min(ow, limit / s + 1);
    }

    private static FloatBuffer buffer(INDArray a) {
        return a.data().asNioFloat();
    }

    private static int offset(INDArray a) {
        if (a.offset() + a.length() > Integer.MAX_VALUE)
            throw new IllegalArgumentException("buffer over 2^31 floats");
        return (int) a.offset();
    }
}
