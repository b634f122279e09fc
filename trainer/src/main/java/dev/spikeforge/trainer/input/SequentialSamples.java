package dev.spikeforge.trainer.input;

/**
 * Row-by-row presentation for temporal tasks: step t carries row t of the image (gain × pixel,
 * analog), steps after the last row carry zeros so the last rows can still travel through the
 * layers' delays.
 */
public final class SequentialSamples implements SampleEncoder {
    private final int steps, rows, cols;
    private final float gain;

    public SequentialSamples(int steps, int rows, int cols, float gain) {
        if (steps < rows)
            throw new IllegalArgumentException(
                    "sequential encoding needs steps >= rows (" + rows + "), got " + steps);
        this.steps = steps;
        this.rows = rows;
        this.cols = cols;
        this.gain = gain;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int width() {
        return cols;
    }

    @Override
    public boolean constant() {
        return false;
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
        for (int t = 0; t < steps; t++) {
            int base = offset + t * stride;
            if (t < rows) {
                for (int j = 0; j < cols; j++) out[base + j] = gain * image[t * cols + j];
            } else {
                java.util.Arrays.fill(out, base, base + cols, 0f);
            }
        }
    }
}
