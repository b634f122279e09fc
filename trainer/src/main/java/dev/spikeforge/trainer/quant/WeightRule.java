package dev.spikeforge.trainer.quant;

/**
 * The compiler's per-layer weight quantization, restated so training can use it without the compiler at run time
 * (WeightRuleTest holds the two to the same integers): symmetric, zero exact, W_int = clamp(round(W·k), ±qmax),
 * qmax = 2^(bits−1) − 1, rounding to nearest with halves away from zero. The scale rule is the compiler's default
 * (AUTO): k = qmax / max|W| at 4 bits and more; below, k = qmax / c with the clip level c = max|W|·i/128,
 * i = 16…128, of least squared error (first such i); 1 bit is binary, W_int = sign(W) (0 → +1), k = 1 / mean|W|.
 * All-zero weights get k = 1. The chip's weight exponent only moves the threshold and biases relative to W_int,
 * so the float weight the chip applies is W_int / k.
 */
public final class WeightRule {
    private static final int MSE_STEPS = 128, MSE_FIRST = 16;

    private WeightRule() {}

    /** @param values W_int, same order as the weights */
    public record Quantized(int[] values, double k) {}

    public static int qmax(int bits) {
        return bits == 1 ? 1 : (1 << (bits - 1)) - 1;
    }

    public static Quantized quantize(float[] w, int bits) {
        return quantize(w, w.length, bits, new int[w.length]);
    }

    /** The first {@code n} values of {@code w}; integers into {@code out} (reused between calls). */
    public static Quantized quantize(float[] w, int n, int bits, int[] out) {
        if (bits < 1 || bits > 16) throw new IllegalArgumentException("weight bits must be 1..16, got " + bits);
        if (bits == 1) {
            double mean = 0;
            for (int j = 0; j < n; j++) mean += Math.abs(w[j]);
            mean = n > 0 ? mean / n : 0;
            for (int j = 0; j < n; j++) out[j] = w[j] >= 0 ? 1 : -1;
            return new Quantized(out, mean > 0 ? 1 / mean : 1.0);
        }
        int qmax = qmax(bits);
        double maxAbs = 0;
        for (int j = 0; j < n; j++) maxAbs = Math.max(maxAbs, Math.abs(w[j]));
        double k = maxAbs == 0 ? 1.0 : qmax / (bits >= 4 ? maxAbs : mseClip(w, n, maxAbs, qmax));
        for (int j = 0; j < n; j++) {
            double x = w[j] * k;
            long r = (long) Math.copySign(Math.floor(Math.abs(x) + 0.5), x);
            out[j] = (int) Math.max(-qmax, Math.min(qmax, r));
        }
        return new Quantized(out, k);
    }

    private static double mseClip(float[] w, int n, double maxAbs, int qmax) {
        double best = maxAbs, bestErr = Double.POSITIVE_INFINITY;
        for (int i = MSE_FIRST; i <= MSE_STEPS; i++) {
            double clip = maxAbs * i / MSE_STEPS, k = qmax / clip, err = 0;
            for (int j = 0; j < n; j++) {
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
        return best;
    }
}
