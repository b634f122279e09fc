package dev.spikeforge.data;

import java.util.SplittableRandom;

/**
 * Bernoulli rate coding: input i spikes at step t with probability min(1, gain·x_i). The generator
 * of sample k is seeded from (seed, k) only, so the trainer's evaluation, the simulator and a
 * device all see the same spikes.
 */
public final class RateEncoder implements SampleEncoder {
    private final int steps;
    private final float gain;
    private final long seed;

    public RateEncoder(int steps, float gain, long seed) {
        if (steps <= 0) throw new IllegalArgumentException("steps must be > 0, got " + steps);
        if (!(gain > 0)) throw new IllegalArgumentException("gain must be > 0, got " + gain);
        this.steps = steps;
        this.gain = gain;
        this.seed = seed;
    }

    @Override
    public int steps() {
        return steps;
    }

    private SplittableRandom generator(long sampleKey) {
        return new SplittableRandom(
                seed * 0x9E3779B97F4A7C15L + sampleKey * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    }

    /**
     * Writes the spikes of one sample as 0/1 floats into {@code out} at {@code offset + t * stride
     * + i} (stride ≥ inputs), the layout the trainer's step-major batches use.
     */
    public void encodeDense(long sampleKey, float[] x, float[] out, int offset, int stride) {
        SplittableRandom r = generator(sampleKey);
        for (int t = 0; t < steps; t++) {
            int base = offset + t * stride;
            for (int i = 0; i < x.length; i++) {
                // The sign bit of (u − p) is 1 exactly when u < p: same spikes as the compare,
                // without a branch the
                // CPU cannot predict.
                out[base + i] = Double.doubleToRawLongBits(r.nextDouble() - gain * x[i]) >>> 63;
            }
        }
    }

    /** The same spikes as {@link #encodeDense} as event lists. */
    @Override
    public SpikeTrain encode(long sampleKey, float[] x) {
        SplittableRandom r = generator(sampleKey);
        int[][] perStep = new int[steps][];
        int[] buf = new int[x.length];
        for (int t = 0; t < steps; t++) {
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                if (r.nextDouble() < gain * x[i]) buf[n++] = i;
            }
            perStep[t] = java.util.Arrays.copyOf(buf, n);
        }
        return new SpikeTrain(x.length, perStep);
    }
}
