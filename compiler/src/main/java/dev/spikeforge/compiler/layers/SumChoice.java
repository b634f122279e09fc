package dev.spikeforge.compiler.layers;

/**
 * How a residual sum reaches the chip ({@code compile --sums}): read directly (every source on
 * axons of its own, so a neuron of the reader holds one synapse per column per source), or through
 * a sum layer of graded neurons that adds the sources column by column and sends each column's
 * total (exact; the reader then holds one synapse per column; one more step of delay, needs graded
 * spikes).
 */
public enum SumChoice {
    /**
     * On a chip with graded spikes: a sum layer where reading the sources directly breaks a fan-in
     * or input-axon limit.
     */
    AUTO,
    /** Always read the summed sources directly. */
    DIRECT,
    /** Always a sum layer before a layer that reads several sources. */
    LAYER;

    public static String names() {
        return "auto, direct, layer";
    }

    public static SumChoice parse(String value) {
        for (SumChoice c : values()) if (c.name().equalsIgnoreCase(value)) return c;
        throw new IllegalArgumentException("unknown sums '" + value + "'; one of: " + names());
    }
}
