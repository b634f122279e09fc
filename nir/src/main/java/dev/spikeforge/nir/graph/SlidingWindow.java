package dev.spikeforge.nir.graph;

/**
 * Output size of a sliding window (convolution or pooling) along one axis, as NIR computes it when
 * it infers a graph's types ({@code calculate_conv_output}, PyTorch's formula): floor((n +
 * 2·padding − dilation·(k − 1) − 1) / stride + 1), and n itself for padding 'same'. Parameters may
 * hold one value for every axis or one per axis.
 */
final class SlidingWindow {
    private SlidingWindow() {}

    /**
     * The spatial output shape for spatial input {@code in}; {@code padding} is a number array or
     * the text 'same'/'valid'.
     */
    static long[] output(
            long[] in, Value padding, NdArray dilation, long[] kernel, NdArray stride) {
        long[] out = new long[in.length];
        for (int axis = 0; axis < in.length; axis++) {
            if (padding instanceof Text t && t.value().equals("same")) {
                out[axis] = in[axis];
                continue;
            }
            long p = padding instanceof NdArray a ? at(a, axis) : 0;
            long d = dilation == null ? 1 : at(dilation, axis);
            out[axis] =
                    Math.floorDiv(in[axis] + 2 * p - d * (kernel[axis] - 1) - 1, at(stride, axis))
                            + 1;
        }
        return out;
    }

    /** Element {@code axis} of a per-axis parameter, or its only element. */
    static long at(NdArray a, int axis) {
        return (long) a.get(a.size() == 1 ? 0 : axis);
    }
}
