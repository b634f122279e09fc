package dev.spikeforge.trainer.input;

import dev.spikeforge.data.RateEncoder;

/**
 * Bernoulli rate coding through {@link RateEncoder}: the spikes the simulator and devices generate
 * for a key.
 */
public final class RateSamples implements SampleEncoder {
    private final RateEncoder encoder;
    private final int width;

    public RateSamples(RateEncoder encoder, int width) {
        this.encoder = encoder;
        this.width = width;
    }

    @Override
    public int steps() {
        return encoder.steps();
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
        return true;
    }

    @Override
    public void encode(long key, float[] image, float[] out, int offset, int stride) {
        encoder.encodeDense(key, image, out, offset, stride);
    }
}
