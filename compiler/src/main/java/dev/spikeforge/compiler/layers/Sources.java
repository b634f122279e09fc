package dev.spikeforge.compiler.layers;

import dev.spikeforge.proto.artifact.validate.SourceMap;

/**
 * The layers one layer reads (−1: the input), their outputs summed element-wise before its one
 * weight matrix (a residual block's skip connection: {@code a[t] = W · Σ_s out_s[t−1]}); the first
 * is its main source.
 *
 * <p>Source k's neuron i is column i of the weights, except where {@code windows[k]} is given: the
 * layer reads that source's sum-pooled values while the source's neurons are the pre-pool map, so
 * each pre-pool neuron adds to its window's column. That is the trained form of a pooled map summed
 * with unpooled ones (their columns are the pooled values, so the pooled one cannot be folded into
 * pre-pool synapses as a lone pooled source is). On the chip every window is null: a pooling layer
 * sends the window counts instead.
 *
 * @param layers the sources, at least one, each once
 * @param windows per source, the pooling its neurons are summed by, or null (null array: none
 *     anywhere)
 */
public record Sources(int[] layers, SourceMap[] windows) {

    public Sources {
        if (layers.length == 0)
            throw new IllegalArgumentException("a layer reads at least one source");
        if (windows != null && windows.length != layers.length)
            throw new IllegalArgumentException("one window per source");
    }

    /** Sources each read one neuron per column. */
    public static Sources of(int... layers) {
        return new Sources(layers.clone(), null);
    }

    public int first() {
        return layers[0];
    }

    public int count() {
        return layers.length;
    }

    public int layer(int k) {
        return layers[k];
    }

    /** Whether the layer reads more than one source. */
    public boolean summed() {
        return layers.length > 1;
    }

    public boolean reads(int layer) {
        for (int s : layers) if (s == layer) return true;
        return false;
    }

    /**
     * The pooling source k's neurons are summed by into the columns, or null (neuron i is column
     * i).
     */
    public SourceMap window(int k) {
        return windows == null ? null : windows[k];
    }

    /**
     * The most one column receives from source k in one step: its window's neurons all spiking,
     * else one spike.
     */
    public int payload(int k) {
        SourceMap w = window(k);
        return w == null ? 1 : w.pool() * w.pool();
    }

    /**
     * The most one column receives in one step from all sources: what bounds a neuron's one-step
     * input.
     */
    public int payloadSum() {
        int p = 0;
        for (int k = 0; k < layers.length; k++) p += payload(k);
        return p;
    }

    /**
     * The same sources renumbered ({@code layers}), each read one neuron per column: the chip's
     * form.
     */
    public Sources renumbered(int[] layers) {
        return new Sources(layers.clone(), null);
    }

    /**
     * Column of each neuron of source k: for a windowed source, its pooled value's index (channel,
     * row, column of the pooled map); null when neuron i is column i.
     */
    public int[] columns(int k) {
        SourceMap w = window(k);
        if (w == null) return null;
        int[] col = new int[w.neurons()];
        int[] pre = new int[w.pool() * w.pool()];
        for (int c = 0; c < w.channels(); c++) {
            for (int y = 0; y < w.height(); y++) {
                for (int x = 0; x < w.width(); x++) {
                    int m = w.preimage(c, y, x, pre);
                    for (int j = 0; j < m; j++) col[pre[j]] = (c * w.height() + y) * w.width() + x;
                }
            }
        }
        return col;
    }
}
