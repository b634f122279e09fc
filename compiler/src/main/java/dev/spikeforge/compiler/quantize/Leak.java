package dev.spikeforge.compiler.quantize;

import dev.spikeforge.neuron.FixedLif;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.NeuronModel;

/**
 * A layer's float decays converted to the leak rule the chip implements, with the fractions of u and v the chip
 * keeps per step (for headroom sizing) and the largest relative error of those fractions against the float ones.
 *
 * <ul>
 *   <li>CUBA_LIF: 12-bit du, dv (the neuron module's conversions);</li>
 *   <li>SHIFT_LIF: x − (x &gt;&gt; s) keeps 1 − 2^−s, so s = round(log2(1/d)) in [0, 23] (d = 0: 23, nearly no leak);</li>
 *   <li>INTEGRATE_AND_FIRE: keeps no current and all of v, exact only for du = 1, dv = 0.</li>
 * </ul>
 */
public record Leak(NeuronModel model, int du, int dv, int synShift, int memShift, double keepU, double keepV, double relError) {
    static final int MAX_SHIFT = (int) dev.spikeforge.artifact.validate.FormatLimits.MAX_SHIFT;

    public static Leak of(FloatLifParams p, NeuronModel model) {
        double floatKeepU = 1 - p.getDu(), floatKeepV = 1 - p.getDv();
        return switch (model) {
            case SHIFT_LIF -> {
                int su = shiftFor(p.getDu()), sv = shiftFor(p.getDv());
                double ku = 1 - Math.scalb(1.0, -su), kv = 1 - Math.scalb(1.0, -sv);
                yield new Leak(model, 0, 0, su, sv, ku, kv, error(floatKeepU, ku, floatKeepV, kv));
            }
            case INTEGRATE_AND_FIRE -> new Leak(model, 0, 0, 0, 0, 0, 1, error(floatKeepU, 0, floatKeepV, 1));
            default -> {
                int du = FixedLif.currentDecayFromFloat(p.getDu()), dv = FixedLif.voltageDecayFromFloat(p.getDv());
                double ku = 1 - FixedLif.currentDecayToFloat(du), kv = 1 - FixedLif.voltageDecayToFloat(dv);
                yield new Leak(NeuronModel.CUBA_LIF, du, dv, 0, 0, ku, kv, error(floatKeepU, ku, floatKeepV, kv));
            }
        };
    }

    /** The shift whose 2^−s is nearest to d in log scale. */
    static int shiftFor(double d) {
        if (!(d > 0)) return MAX_SHIFT;
        return (int) Math.max(0, Math.min(MAX_SHIFT, Math.round(-Math.log(d) / Math.log(2))));
    }

    /** Writes the leak fields into the layer's neuron parameters. */
    public FixedLifParams.Builder apply(FixedLifParams.Builder b) {
        b.setDu(du).setDv(dv);
        if (model != NeuronModel.CUBA_LIF) b.setModel(model);
        if (model == NeuronModel.SHIFT_LIF) b.setSynShift(synShift).setMemShift(memShift);
        return b;
    }

    private static double error(double fu, double ku, double fv, double kv) {
        return Math.max(rel(fu, ku), rel(fv, kv));
    }

    private static double rel(double exact, double got) {
        return exact == 0 ? Math.abs(got) : Math.abs(got - exact) / exact;
    }
}
