package dev.spikeforge.proto.artifact.validate;

/**
 * The map a layer reads, as the trained network sees it ([channels, height, width], pooled), and
 * how each of its values is made from the source's neurons on the chip: a sum-pooled value is the
 * sum of the spikes of its pool × pool window of pre-pool neurons, so the chip reads those neurons
 * directly (pooling folded into the synapses). {@code pool} = 1 for the input axons and for a
 * source without pooling.
 */
public record SourceMap(int channels, int height, int width, int pool) {

    /** Values the trained layer reads. */
    public int pooledSize() {
        return channels * height * width;
    }

    /** Neurons (or input axons) the chip reads: the pre-pool map. */
    public int neurons() {
        return channels * height * pool * width * pool;
    }

    /**
     * Pre-pool neuron indices whose spikes make pooled value (c, y, x), written into {@code out};
     * returns the count.
     */
    public int preimage(int c, int y, int x, int[] out) {
        int w = width * pool, h = height * pool, k = 0;
        for (int dy = 0; dy < pool; dy++) {
            for (int dx = 0; dx < pool; dx++)
                out[k++] = (c * h + y * pool + dy) * w + x * pool + dx;
        }
        return k;
    }

    /** A flat source of n values, not pooled. */
    public static SourceMap flat(int n) {
        return new SourceMap(1, 1, n, 1);
    }
}
