package dev.spikeforge.compiler.layers;

import dev.spikeforge.proto.ConvGeometry;

/**
 * How a layer's explicit synapse matrix [size, fanIn] derives from fewer trained weights: a conv
 * layer's kernel is shared by every output position of its channel, and a layer reading a
 * sum-pooled conv map gives every neuron of a pooling window the weight its pooled value had. The
 * quantizer works on the trained weights (so every copy of a weight gets the same integer, whatever
 * the rounding) and expands the result.
 *
 * @param params the trained weights, [channels, paramsPerChannel] row-major
 * @param channels output channels: rows of {@code params}
 * @param neuronsPerChannel neurons of one output channel (conv: out_height·out_width; otherwise 1)
 * @param paramIndex [size, fanIn] row-major: index into {@code params} of each synapse, −1 where
 *     none
 * @param conv the layer's geometry when it is a conv layer, else null
 */
public record WeightTying(
        float[] params, int channels, int neuronsPerChannel, int[] paramIndex, ConvGeometry conv) {

    public int paramsPerChannel() {
        return params.length / channels;
    }

    /** Output channel of neuron n. */
    public int channelOf(int n) {
        return n / neuronsPerChannel;
    }

    /** Expands per-parameter values (e.g. their integers) into the [size, fanIn] synapse matrix. */
    public int[] expand(int[] values) {
        int[] out = new int[paramIndex.length];
        for (int j = 0; j < out.length; j++) out[j] = paramIndex[j] < 0 ? 0 : values[paramIndex[j]];
        return out;
    }

    public float[] expand(float[] values) {
        float[] out = new float[paramIndex.length];
        for (int j = 0; j < out.length; j++) out[j] = paramIndex[j] < 0 ? 0 : values[paramIndex[j]];
        return out;
    }
}
