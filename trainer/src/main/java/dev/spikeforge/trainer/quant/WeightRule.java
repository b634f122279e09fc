package dev.spikeforge.trainer.quant;

import dev.spikeforge.neuron.WeightScale;

/**
 * The compiler's per-layer weight quantization for training, with the scale rules shared with the
 * compiler ({@link WeightScale}; WeightRuleTest holds the two to the same integers): symmetric,
 * zero exact, W_int = clamp(round(W·k), ±qmax), qmax = 2^(bits−1) − 1, rounding to nearest with
 * halves away from zero. The scale rule is the compiler's default (AUTO): k = qmax / max|W| at 4
 * bits and more; below, k = qmax / c with the clip level c = max|W|·i/128, i = 16…128, of least
 * squared error (first such i); 1 bit is binary, W_int = sign(W) (0 → +1), k = 1 / mean|W|.
 * All-zero weights get k = 1. The chip's weight exponent only moves the threshold and biases
 * relative to W_int, so the float weight the chip applies is W_int / k.
 */
public final class WeightRule {
    private WeightRule() {}

    /**
     * @param values W_int, same order as the weights
     */
    public record Quantized(int[] values, double k) {}

    public static int qmax(int bits) {
        return WeightScale.qmax(bits);
    }

    public static Quantized quantize(float[] w, int bits) {
        return quantize(w, w.length, bits, new int[w.length]);
    }

    /**
     * The first {@code n} values of {@code w}; integers into {@code out} (reused between calls).
     */
    public static Quantized quantize(float[] w, int n, int bits, int[] out) {
        if (bits < 1 || bits > 16)
            throw new IllegalArgumentException("weight bits must be 1..16, got " + bits);
        if (bits == 1) {
            for (int j = 0; j < n; j++) out[j] = w[j] >= 0 ? 1 : -1;
            return new Quantized(out, WeightScale.binaryRule(w, 0, n));
        }
        int qmax = qmax(bits);
        double k = WeightScale.autoRule(w, 0, n, bits);
        for (int j = 0; j < n; j++) {
            double x = w[j] * k;
            long r = (long) Math.copySign(Math.floor(Math.abs(x) + 0.5), x);
            out[j] = (int) Math.max(-qmax, Math.min(qmax, r));
        }
        return new Quantized(out, k);
    }
}
