package dev.spikeforge.compiler.quantize;

/**
 * Symmetric per-layer weight quantization: k = qmax / max|W| with qmax = 2^(bits−1) − 1, so the largest weight
 * uses the full range and zero stays exactly zero.
 */
public final class WeightQuantizer {
    private WeightQuantizer() {}

    public static int qmax(int bits) {
        return (1 << (bits - 1)) - 1;
    }

    public static QuantizedWeights quantize(float[] w, int bits, Rounding rounding) {
        int qmax = qmax(bits);
        double maxAbs = 0;
        for (float x : w) maxAbs = Math.max(maxAbs, Math.abs(x));
        // All-zero weights: any k represents them exactly; 1 keeps the other scale rules finite.
        double k = maxAbs > 0 ? qmax / maxAbs : 1.0;
        return quantize(w, k, qmax, rounding);
    }

    /** Quantizes with a given scale k; exposed so a caller can trade clipping for resolution. */
    public static QuantizedWeights quantize(float[] w, double k, int qmax, Rounding rounding) {
        int[] q = new int[w.length];
        int clipped = 0;
        double sumErr = 0, maxErr = 0;
        for (int j = 0; j < w.length; j++) {
            long r = rounding.apply(w[j] * k);
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
}
