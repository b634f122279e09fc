package dev.spikeforge.compiler.quantize;

import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.Firing;
import dev.spikeforge.neuron.FixedNeuron;
import dev.spikeforge.neuron.IntegrateFire;
import dev.spikeforge.neuron.ShiftLif;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.NeuronModel;

/**
 * A layer's float decays converted to the leak rule the chip implements, with the fractions of u
 * and v the chip keeps per step (for headroom sizing) and the largest relative error of those
 * fractions against the float ones.
 *
 * <ul>
 *   <li>CUBA_LIF: 12-bit du, dv (the neuron module's conversions);
 *   <li>SHIFT_LIF: x − (x &gt;&gt; s) keeps 1 − 2^−s, so s = round(log2(1/d)) in [0, 23] (d = 0:
 *       23, nearly no leak);
 *   <li>INTEGRATE_AND_FIRE: keeps no current and all of v, exact only for du = 1, dv = 0.
 * </ul>
 */
public record Leak(
        NeuronModel model,
        int du,
        int dv,
        int synShift,
        int memShift,
        double keepU,
        double keepV,
        double relError) {

    public static Leak of(FloatLifParams p, NeuronModel model) {
        double floatKeepU = 1 - p.getDu(), floatKeepV = 1 - p.getDv();
        return switch (model) {
            case SHIFT_LIF -> {
                int su = shiftFor(p.getDu()), sv = shiftFor(p.getDv());
                double ku = ShiftLif.kept(su), kv = ShiftLif.kept(sv);
                yield new Leak(model, 0, 0, su, sv, ku, kv, error(floatKeepU, ku, floatKeepV, kv));
            }
            case INTEGRATE_AND_FIRE ->
                    new Leak(model, 0, 0, 0, 0, 0, 1, error(floatKeepU, 0, floatKeepV, 1));
            default -> {
                int du = CubaLif.currentDecayFromFloat(p.getDu()),
                        dv = CubaLif.voltageDecayFromFloat(p.getDv());
                double ku = 1 - CubaLif.currentDecayToFloat(du),
                        kv = 1 - CubaLif.voltageDecayToFloat(dv);
                yield new Leak(
                        NeuronModel.CUBA_LIF,
                        du,
                        dv,
                        0,
                        0,
                        ku,
                        kv,
                        error(floatKeepU, ku, floatKeepV, kv));
            }
        };
    }

    /** The shift whose 2^−s is nearest to d in log scale. */
    static int shiftFor(double d) {
        if (!(d > 0)) return ShiftLif.MAX_SHIFT;
        return (int)
                Math.max(0, Math.min(ShiftLif.MAX_SHIFT, Math.round(-Math.log(d) / Math.log(2))));
    }

    /** The chip's neuron model with this leak and the given threshold, reset and period. */
    public FixedNeuron neuron(Firing firing) {
        return switch (model) {
            case SHIFT_LIF -> new ShiftLif(synShift, memShift, firing);
            case INTEGRATE_AND_FIRE -> new IntegrateFire(firing);
            default -> new CubaLif(du, dv, firing);
        };
    }

    private static double error(double fu, double ku, double fv, double kv) {
        return Math.max(rel(fu, ku), rel(fv, kv));
    }

    private static double rel(double exact, double got) {
        return exact == 0 ? Math.abs(got) : Math.abs(got - exact) / exact;
    }
}
