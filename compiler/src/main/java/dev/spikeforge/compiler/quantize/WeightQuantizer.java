package dev.spikeforge.compiler.quantize;

import dev.spikeforge.neuron.WeightScale;

/**
 * Symmetric per-layer weight quantization, zero exact: W_int = clamp(round(W·k), ±qmax) with qmax =
 * 2^(bits−1) − 1 (2 bits: ternary {-1, 0, 1}). One bit is binary: W_int = sign(W) ∈ {−1, +1} (zero
 * maps to +1) with k = 1 / mean|W|, the scale that minimizes the L1 error of a sign code.
 */
public final class WeightQuantizer {
    private WeightQuantizer() {}

    public static int qmax(int bits) {
        return WeightScale.qmax(bits);
    }

    /** k = qmax / max|W| (the MAX rule). */
    public static QuantizedWeights quantize(float[] w, int bits, Rounding rounding) {
        return quantize(w, bits, rounding, ScaleRule.MAX);
    }

    public static QuantizedWeights quantize(
            float[] w, int bits, Rounding rounding, ScaleRule rule) {
        if (bits == 1) return binary(w);
        int qmax = qmax(bits);
        // All-zero weights: any k represents them exactly; both rules give 1.
        double k =
                rule.resolve(bits) == ScaleRule.MSE
                        ? WeightScale.mseRule(w, 0, w.length, qmax)
                        : WeightScale.maxRule(w, 0, w.length, qmax);
        return quantize(w, k, qmax, rounding);
    }

    /** Quantizes with a given scale k; exposed so a caller can trade clipping for resolution. */
    public static QuantizedWeights quantize(float[] w, double k, int qmax, Rounding rounding) {
        int[] q = new int[w.length];
        int clipped = 0;
        double sumErr = 0, maxErr = 0;
        for (int j = 0; j < w.length; j++) {
            long r = rounding.apply(w[j] * k, j);
            if (Math.abs(r) > qmax) {
                clipped++;
                r = Long.signum(r) * (long) qmax;
            }
            q[j] = (int) r;
            double err = Math.abs(w[j] - r / k);
            sumErr += err;
            maxErr = Math.max(maxErr, err);
        }
        return new QuantizedWeights(q, k, clipped, w.length == 0 ? 0 : sumErr / w.length, maxErr);
    }

    /**
     * Per-output-channel quantization: row r of {@code w} ([rows, cols] row-major) gets its own
     * scale k_r by the rule applied to that row alone (an all-zero row: k_r = 1), W_int =
     * clamp(round(W·k_r), ±qmax); binary rows get k_r = 1 / mean|row|. Stochastic rounding is
     * seeded by the weight's index in {@code w}, as in the per-layer form. Errors are over all
     * weights, in float units; {@code k()} of the result is the smallest k_r.
     */
    public static QuantizedWeights quantizePerRow(
            float[] w, int rows, int cols, int bits, Rounding rounding, ScaleRule rule) {
        int qmax = qmax(bits);
        double[] ks = new double[rows];
        for (int r = 0; r < rows; r++) {
            int from = r * cols, to = from + cols;
            if (bits == 1) ks[r] = WeightScale.binaryRule(w, from, to);
            else
                ks[r] =
                        rule.resolve(bits) == ScaleRule.MSE
                                ? WeightScale.mseRule(w, from, to, qmax)
                                : WeightScale.maxRule(w, from, to, qmax);
        }
        if (bits != 1) return quantizeRows(w, rows, cols, ks, qmax, rounding);
        // Binary rows: the sign, whatever the scale; "clipped" counts weights far outside the ±1
        // level.
        int[] q = new int[w.length];
        int clipped = 0;
        double sumErr = 0, maxErr = 0, kMin = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            double k = ks[r];
            kMin = Math.min(kMin, k);
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                int v = w[j] >= 0 ? 1 : -1;
                if (Math.abs(w[j]) * k > 1.5) clipped++;
                q[j] = v;
                double err = Math.abs(w[j] - v / k);
                sumErr += err;
                maxErr = Math.max(maxErr, err);
            }
        }
        return new QuantizedWeights(
                q,
                rows == 0 ? 1 : kMin,
                clipped,
                w.length == 0 ? 0 : sumErr / w.length,
                maxErr,
                ks);
    }

    /**
     * The same weights on a grid 2^shift times coarser: every scale (the layer's k, or each row's
     * k_r) divided by 2^shift, W_int = clamp(round(W·k'), ±qmax). A coarser mantissa lets the
     * weight exponent rise by {@code shift} at the same overall scale k·2^e, trading rounding error
     * for less truncation of the shifted sum (see {@link ExponentChoice}). Binary weights (one
     * level) have no coarser grid: {@code shift} must be 0 for them.
     */
    public static QuantizedWeights coarser(
            float[] w,
            QuantizedWeights q,
            int rows,
            int cols,
            int bits,
            int shift,
            Rounding rounding) {
        if (shift == 0) return q;
        if (bits == 1)
            throw new IllegalArgumentException(
                    "binary weights have no coarser grid (shift " + shift + ")");
        double f = Math.scalb(1.0, -shift);
        if (q.rowScales() == null) return quantize(w, q.k() * f, qmax(bits), rounding);
        double[] ks = new double[rows];
        for (int r = 0; r < rows; r++) ks[r] = q.rowScales()[r] * f;
        return quantizeRows(w, rows, cols, ks, qmax(bits), rounding);
    }

    /**
     * Row r of {@code w} at scale ks[r] (seeded by the weight's index in {@code w}, as every form
     * here).
     */
    static QuantizedWeights quantizeRows(
            float[] w, int rows, int cols, double[] ks, int qmax, Rounding rounding) {
        int[] q = new int[w.length];
        int clipped = 0;
        double sumErr = 0, maxErr = 0, kMin = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            double k = ks[r];
            kMin = Math.min(kMin, k);
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                long v = rounding.apply(w[j] * k, j);
                if (Math.abs(v) > qmax) {
                    clipped++;
                    v = Long.signum(v) * (long) qmax;
                }
                q[j] = (int) v;
                double err = Math.abs(w[j] - v / k);
                sumErr += err;
                maxErr = Math.max(maxErr, err);
            }
        }
        return new QuantizedWeights(
                q,
                rows == 0 ? 1 : kMin,
                clipped,
                w.length == 0 ? 0 : sumErr / w.length,
                maxErr,
                ks);
    }

    /**
     * Mean |W − W_int/k_n| when every output channel (row) n gets its own k_n = qmax / max|W_n|:
     * what per-channel scales would buy with the MAX rule (what {@code --scale per-channel} gives
     * at 4 bits and more), reported for per-layer compiles.
     */
    public static double perChannelMeanAbsError(
            float[] w, int rows, int cols, int bits, Rounding rounding) {
        if (w.length == 0) return 0;
        int qmax = qmax(bits);
        double sum = 0;
        for (int n = 0; n < rows; n++) {
            double m = WeightScale.maxAbs(w, n * cols, (n + 1) * cols);
            double k =
                    bits == 1
                            ? 1 / Math.max(1e-30, WeightScale.meanAbs(w, n * cols, (n + 1) * cols))
                            : m > 0 ? qmax / m : 1;
            for (int i = n * cols; i < (n + 1) * cols; i++) {
                long r =
                        bits == 1
                                ? (w[i] >= 0 ? 1 : -1)
                                : Math.max(-qmax, Math.min(qmax, rounding.apply(w[i] * k, i)));
                sum += Math.abs(w[i] - r / k);
            }
        }
        return sum / w.length;
    }

    private static QuantizedWeights binary(float[] w) {
        double k = WeightScale.binaryRule(w, 0, w.length);
        int[] q = new int[w.length];
        int clipped = 0;
        double sumErr = 0, maxErr = 0;
        for (int j = 0; j < w.length; j++) {
            q[j] = w[j] >= 0 ? 1 : -1;
            if (Math.abs(w[j]) * k > 1.5) clipped++; // would have rounded to 2 or more
            double err = Math.abs(w[j] - q[j] / k);
            sumErr += err;
            maxErr = Math.max(maxErr, err);
        }
        return new QuantizedWeights(q, k, clipped, w.length == 0 ? 0 : sumErr / w.length, maxErr);
    }
}
