package dev.spikeforge.data;

/**
 * Direct (analog) input as graded spikes: on every step of the sample each input i whose value is
 * not zero sends one event whose integer payload is round(gain · x_i · scale), clipped to a signed
 * {@code bits}-bit integer. The first layer then adds weight × payload, which is the trainer's
 * direct input current (gain · W · x) in the chip's units.
 */
public final class GradedEncoder implements SampleEncoder {
    private final int steps;
    private final float gain;
    private final double scale;
    private final int min, max;

    public GradedEncoder(int steps, float gain, double scale, int bits) {
        if (steps <= 0) throw new IllegalArgumentException("steps must be > 0, got " + steps);
        if (!(gain > 0)) throw new IllegalArgumentException("gain must be > 0, got " + gain);
        if (!(scale > 0) || Double.isInfinite(scale))
            throw new IllegalArgumentException("payload scale must be > 0, got " + scale);
        if (bits < 2 || bits > 31)
            throw new IllegalArgumentException("payload bits must be in 2..31, got " + bits);
        this.steps = steps;
        this.gain = gain;
        this.scale = scale;
        this.max = (1 << (bits - 1)) - 1;
        this.min = -(1 << (bits - 1));
    }

    @Override
    public int steps() {
        return steps;
    }

    /** The payload of value x. */
    public int payload(float x) {
        double p = Math.rint(gain * (double) x * scale);
        return (int) Math.max(min, Math.min(max, p));
    }

    @Override
    public SpikeTrain encode(long sampleKey, float[] x) {
        int n = 0;
        int[] axons = new int[x.length], pay = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int p = payload(x[i]);
            if (p == 0) continue;
            axons[n] = i;
            pay[n] = p;
            n++;
        }
        int[] a = java.util.Arrays.copyOf(axons, n), v = java.util.Arrays.copyOf(pay, n);
        int[][] spikes = new int[steps][], payloads = new int[steps][];
        // Every step carries the same events; the arrays are shared (consumers do not modify them).
        java.util.Arrays.fill(spikes, a);
        java.util.Arrays.fill(payloads, v);
        return new SpikeTrain(x.length, spikes, payloads);
    }
}
