package dev.spikeforge.trainer.input;

/**
 * Turns one image (pixels in [0, 1], row-major) into the first layer's input. Pure: the result
 * depends only on the image and the key, so training, evaluation, the simulator and devices can all
 * reproduce it.
 */
public interface SampleEncoder {
    int steps();

    /** Values per step. */
    int width();

    /**
     * The same values on every step (direct encoding): the engine then computes the first layer's
     * drive once.
     */
    boolean constant();

    /**
     * 0/1 events (rate, latency) rather than analog values; only events count as synaptic
     * operations.
     */
    boolean spikes();

    /** Expensive enough (random numbers per value and step) to be worth a background thread. */
    boolean costly();

    /**
     * Writes the encoding of {@code image}: constant encoders {@link #width()} values at {@code
     * out[offset + i]}, the others every step at {@code out[offset + t·stride + i]} (stride ≥
     * width), zeros included.
     */
    void encode(long key, float[] image, float[] out, int offset, int stride);
}
