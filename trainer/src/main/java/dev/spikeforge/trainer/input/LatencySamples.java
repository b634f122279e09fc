package dev.spikeforge.trainer.input;

/**
 * Time-to-first-spike coding: input i spikes once, at step round((1 − x)·(T − 1)) with x = min(1,
 * gain·pixel), so the brightest pixels fire first; pixels with x ≤ cutoff never fire.
 * Deterministic.
 */
public final class LatencySamples implements SampleEncoder {
    private final int steps, width;
    private final float gain, cutoff;

    public LatencySamples(int steps, int width, float gain, float cutoff) {
        this.steps = steps;
        this.width = width;
        this.gain = gain;
        this.cutoff = cutoff;
    }

    /** The step input value x spikes on, or −1 for never. */
    public int spikeStep(float x) {
        float v = Math.min(1f, gain * x);
        return v > cutoff ? Math.round((1 - v) * (steps - 1)) : -1;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean constant() {
        return false;
    }

    @Override
    public boolean spikes() {
        return true;
    }

    @Override
    public boolean costly() {
        return false;
    }

    @Override
    public void encode(long key, float[] image, float[] out, int offset, int stride) {
        for (int t = 0; t < steps; t++)
            java.util.Arrays.fill(out, offset + t * stride, offset + t * stride + width, 0f);
        for (int i = 0; i < width; i++) {
            int t = spikeStep(image[i]);
            if (t >= 0) out[offset + t * stride + i] = 1f;
        }
    }
}
