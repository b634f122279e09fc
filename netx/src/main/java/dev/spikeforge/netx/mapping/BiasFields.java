package dev.spikeforge.netx.mapping;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;
import static dev.spikeforge.neuron.FixedPoint.BIAS_EXP_MAX;
import static dev.spikeforge.neuron.FixedPoint.BIAS_MANT_MAX;

import dev.spikeforge.netx.format.IntTensor;
import dev.spikeforge.proto.CompiledLayer;

/**
 * Biases both ways. Spikeforge adds {@code bias_mant[n] << bias_exp} to v every step; Lava's netx
 * makes the file's {@code bias} the LIF's {@code bias_mant} with {@code bias_exp = 6} (always),
 * adding {@code bias << 6}. So a compiled bias goes to netx exactly when it is a multiple of 64, as
 * {@code bias = effective / 64}, within Loihi's 13-bit signed mantissa (−4096..4095).
 */
public final class BiasFields {
    /**
     * netx's fixed bias exponent: a file bias is in the units of a weight, like the threshold
     * mantissa.
     */
    public static final int NETX_BIAS_EXP = ACT_SHIFT;

    public static final int LAVA_BIAS_MIN = -4096, LAVA_BIAS_MAX = 4095;

    private BiasFields() {}

    /**
     * The file's bias (one per neuron), null when the layer has none, or null with a problem added.
     */
    public static IntTensor toNetx(CompiledLayer l, String where, Problems problems) {
        if (l.getBiasMantCount() == 0) return null;
        int[] out = new int[l.getSize()];
        for (int n = 0; n < out.length; n++) {
            long effective = (long) l.getBiasMant(n) << l.getBiasExp();
            if (effective % (1 << NETX_BIAS_EXP) != 0) {
                problems.add(
                        where,
                        "bias_mant["
                                + n
                                + "] = "
                                + l.getBiasMant(n)
                                + " (bias_exp "
                                + l.getBiasExp()
                                + ")",
                        "adds "
                                + effective
                                + " to v; netx's bias is added as bias << 6 (Lava's bias_exp is"
                                + " always 6), so it must be a multiple of 64");
                return null;
            }
            long b = effective >> NETX_BIAS_EXP;
            if (b < LAVA_BIAS_MIN || b > LAVA_BIAS_MAX) {
                problems.add(
                        where,
                        "bias_mant["
                                + n
                                + "] = "
                                + l.getBiasMant(n)
                                + " (bias_exp "
                                + l.getBiasExp()
                                + ")",
                        "is "
                                + b
                                + " weight units; Lava's bias_mant is 13-bit signed ("
                                + LAVA_BIAS_MIN
                                + ".."
                                + LAVA_BIAS_MAX
                                + ")");
                return null;
            }
            out[n] = (int) b;
        }
        return IntTensor.vector(out);
    }

    /**
     * Spikeforge's mantissas and exponent for file biases b (effective b &lt;&lt; 6): at {@code
     * preferredExp} when that is exact (a recorded exponent), else at 6, or at 7 with b / 2 when a
     * |b| is above 4095. Null when neither fits.
     */
    public static Encoded fromNetx(int[] bias, int preferredExp) {
        if (preferredExp >= 0 && preferredExp <= BIAS_EXP_MAX) {
            Encoded e = at(bias, preferredExp);
            if (e != null) return e;
        }
        Encoded e = at(bias, NETX_BIAS_EXP);
        return e != null ? e : at(bias, NETX_BIAS_EXP + 1);
    }

    private static Encoded at(int[] bias, int exp) {
        int[] mant = new int[bias.length];
        for (int n = 0; n < bias.length; n++) {
            long effective = (long) bias[n] << NETX_BIAS_EXP;
            if (effective % (1L << exp) != 0) return null;
            long m = effective >> exp;
            if (Math.abs(m) > BIAS_MANT_MAX) return null;
            mant[n] = (int) m;
        }
        return new Encoded(mant, exp);
    }

    public record Encoded(int[] mantissas, int exp) {}
}
