package dev.spikeforge.compiler.layers;

/**
 * How sum pooling after a conv layer reaches the chip ({@code compile --pooling}): folded into the
 * next layer's synapses (each pooled value read as its window's pre-pool neurons: no extra layer,
 * but the next layer's fan-in is pool² times larger), or as a layer of its own whose graded spikes
 * carry each window's spike count (exact; one more step of delay, needs graded spikes).
 */
public enum PoolingChoice {
    /**
     * On a chip with graded spikes: a layer where folding breaks a fan-in or input-axon limit, and
     * for every pooling when that takes fewer cores; otherwise fold.
     */
    AUTO,
    /** Always fold into the next layer's synapses. */
    FOLD,
    /** Always a pooling layer of graded neurons. */
    LAYER;

    public static String names() {
        return "auto, fold, layer";
    }

    public static PoolingChoice parse(String value) {
        for (PoolingChoice c : values()) if (c.name().equalsIgnoreCase(value)) return c;
        throw new IllegalArgumentException("unknown pooling '" + value + "'; one of: " + names());
    }
}
