package dev.spikeforge.trainer.input;

/** Direct encoding: gain × pixel, fed as analog current on every step. */
public final class DirectSamples implements SampleEncoder {
    private final int steps, width;
    private final float gain;

    public DirectSamples(int steps, int width, float gain) {
        this.steps = steps;
        this.width = width;
        this.gain = gain;
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
        return true;
    }

    @Override
    public boolean spikes() {
        return false;
    }

    @Override
    public boolean costly() {
        return false;
    }

    @Override
    public void encode(long key, float[] image, float[] out, int offset, int stride) {
        for (int i = 0; i < width; i++) out[offset + i] = gain * image[i];
    }
}
