package dev.spikeforge.neuron;

/**
 * How float weights map onto a chip's symmetric integer grid W_int = clamp(round(W·k), ±qmax): the
 * grid size and the choice of the scale k. One definition, used by the compiler when it quantizes
 * and by the trainer when it trains on the compiler's grid (quantization-aware training), so the
 * two cannot drift apart.
 */
public final class WeightScale {
    /** Clip levels the MSE rule tries, as fractions max|W|·i/128 for i in [16, 128]. */
    private static final int MSE_STEPS = 128, MSE_FIRST = 16;

    private WeightScale() {}

    /** Largest integer magnitude: 2^(bits−1) − 1 (2 bits: ternary); 1 bit is binary (±1). */
    public static int qmax(int bits) {
        return bits == 1 ? 1 : (1 << (bits - 1)) - 1;
    }

    /** k = qmax / max|W| over [from, to): no weight clips. */
    public static double maxRule(float[] w, int from, int to, int qmax) {
        double m = maxAbs(w, from, to);
        return m == 0 ? 1.0 : qmax / m;
    }

    /**
     * k = qmax / c for the clip level c = max|W|·i/128, i = 16…128, whose round-to-nearest-even
     * grid has the least squared error (the first such i): at few bits, clipping the rare large
     * weights buys resolution for the rest.
     */
    public static double mseRule(float[] w, int from, int to, int qmax) {
        double maxAbs = maxAbs(w, from, to);
        if (maxAbs == 0) return 1.0;
        double best = maxAbs, bestErr = Double.POSITIVE_INFINITY;
        for (int i = MSE_FIRST; i <= MSE_STEPS; i++) {
            double clip = maxAbs * i / MSE_STEPS, k = qmax / clip, err = 0;
            for (int j = from; j < to; j++) {
                float x = w[j];
                double r = Math.max(-qmax, Math.min(qmax, Math.rint(x * k)));
                double d = x - r / k;
                err += d * d;
            }
            if (err < bestErr) {
                bestErr = err;
                best = clip;
            }
        }
        return qmax / best;
    }

    /** The default: the MAX rule at 4 bits and more, the MSE rule below. */
    public static double autoRule(float[] w, int from, int to, int bits) {
        int qmax = qmax(bits);
        return bits >= 4 ? maxRule(w, from, to, qmax) : mseRule(w, from, to, qmax);
    }

    /**
     * Binary weights W_int = sign(W): k = 1 / mean|W|, the scale of least L1 error for a sign code.
     */
    public static double binaryRule(float[] w, int from, int to) {
        double mean = meanAbs(w, from, to);
        return mean > 0 ? 1 / mean : 1.0;
    }

    public static double maxAbs(float[] w, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) m = Math.max(m, Math.abs(w[i]));
        return m;
    }

    public static double meanAbs(float[] w, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += Math.abs(w[i]);
        return to > from ? s / (to - from) : 0;
    }
}
