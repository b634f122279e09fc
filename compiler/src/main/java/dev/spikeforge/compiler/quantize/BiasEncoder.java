package dev.spikeforge.compiler.quantize;

import static dev.spikeforge.neuron.FixedPoint.BIAS_EXP_MAX;
import static dev.spikeforge.neuron.FixedPoint.BIAS_MANT_MAX;

/**
 * Encodes float biases as 13-bit signed mantissas with one shared 3-bit exponent: bias·K ≈ m
 * &lt;&lt; exp. The exponent is the smallest one that fits the largest bias, so small biases keep
 * the most precision. Biases beyond 4095·2⁷ saturate and are counted.
 */
public final class BiasEncoder {
    private BiasEncoder() {}

    /**
     * @param stateScale K: integer state units per float unit (scale · 2⁶)
     */
    public static EncodedBias encode(float[] bias, double stateScale) {
        double[] k = new double[bias.length];
        java.util.Arrays.fill(k, stateScale);
        return encode(bias, k);
    }

    /**
     * Per-neuron state scales K_n (per-channel weight scales): bias_n·K_n ≈ m_n &lt;&lt; exp, one
     * exponent.
     */
    public static EncodedBias encode(float[] bias, double[] stateScale) {
        double maxAbs = 0;
        for (int n = 0; n < bias.length; n++)
            maxAbs = Math.max(maxAbs, Math.abs(bias[n] * stateScale[n]));
        int exp = 0;
        while (exp < BIAS_EXP_MAX
                && Rounding.NEAREST.apply(Math.scalb(maxAbs, -exp)) > BIAS_MANT_MAX) exp++;
        int[] mant = new int[bias.length];
        int saturated = 0;
        for (int n = 0; n < bias.length; n++) {
            long m = Rounding.NEAREST.apply(Math.scalb(bias[n] * stateScale[n], -exp));
            if (Math.abs(m) > BIAS_MANT_MAX) {
                saturated++;
                m = Long.signum(m) * (long) BIAS_MANT_MAX;
            }
            mant[n] = (int) m;
        }
        return new EncodedBias(mant, exp, saturated);
    }
}
