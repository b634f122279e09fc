package dev.spikeforge.netx;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.netx.mapping.BiasFields;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.WeightExponentRange;
import java.util.ArrayList;
import java.util.List;

/**
 * How a trained (float) model becomes what {@code export-netx} writes: compiled for the profile
 * (loihi2 by default) with default options and two rules that put it into the form netx carries
 * exactly:
 *
 * <ul>
 *   <li>weight exponents 0..1: netx hands Lava effective weights w·2^e, which its dense synapse
 *       holds exactly only within [−256, 254] (8-bit mantissas times at most 2), and a negative
 *       exponent truncates the summed input, which no per-synapse weight reproduces (see {@code
 *       EffectiveWeights});
 *   <li>biases rounded to whole weight units (multiples of 64 in v): Lava adds a netx bias as
 *       {@code bias << 6}. Each bias moves by at most 32 units of v, half a weight unit: the same
 *       grid the weights are rounded to.
 * </ul>
 *
 * The result is an ordinary compiled network (the CLI can save it with {@code --chip-out}); the
 * exported file runs exactly like it.
 */
public final class NetxCompile {
    public static final int WEIGHT_EXP_MIN = 0, WEIGHT_EXP_MAX = 1;

    private NetxCompile() {}

    public record Result(CompiledNetwork network, List<String> notes) {}

    /** The profile with its weight exponent range narrowed to what netx carries. */
    public static ChipProfile profile(ChipProfile base) {
        return base.toBuilder()
                .setWeightExponent(
                        WeightExponentRange.newBuilder()
                                .setMin(WEIGHT_EXP_MIN)
                                .setMax(WEIGHT_EXP_MAX))
                .build();
    }

    /** Every bias already a multiple of 64 (zeros included): the layer is kept as compiled. */
    private static boolean onNetxGrid(CompiledLayer.Builder l) {
        for (int n = 0; n < l.getBiasMantCount(); n++)
            if ((((long) l.getBiasMant(n) << l.getBiasExp()) & 63) != 0) return false;
        return true;
    }

    public static Result compile(TrainedNetwork net, ChipProfile base) {
        ChipProfile p = profile(base);
        CompiledNetwork c = Compiler.compile(net, p, CompileOptions.defaults());
        List<String> notes = new ArrayList<>();
        notes.add(
                "compiled for "
                        + p.getName()
                        + " with default options, weight exponents "
                        + WEIGHT_EXP_MIN
                        + ".."
                        + WEIGHT_EXP_MAX
                        + " and biases in whole weight units (what netx carries exactly)");
        CompiledNetwork.Builder b = c.toBuilder();
        for (CompiledLayer.Builder l : b.getLayersBuilderList()) {
            if (l.getBiasMantCount() == 0 || onNetxGrid(l)) continue;
            long worst = 0;
            List<Integer> snapped = new ArrayList<>();
            boolean fits = true;
            for (int n = 0; n < l.getBiasMantCount(); n++) {
                long effective = (long) l.getBiasMant(n) << l.getBiasExp();
                long units =
                        Math.round(
                                effective / 64.0); // nearest (a tie goes up): within 32 either way
                if (units < BiasFields.LAVA_BIAS_MIN || units > BiasFields.LAVA_BIAS_MAX)
                    fits = false;
                worst = Math.max(worst, Math.abs(units * 64 - effective));
                snapped.add((int) units);
            }
            if (!fits) continue; // the exporter refuses it by name (beyond Lava's 13-bit bias)
            l.clearBiasMant().addAllBiasMant(snapped).setBiasExp(BiasFields.NETX_BIAS_EXP);
            if (worst > 0) {
                String against =
                        l.getNeuron().getReadout()
                                ? "a readout"
                                : "threshold " + ((long) l.getNeuron().getVthMant() << 6);
                notes.add(
                        "layer '"
                                + l.getName()
                                + "': biases rounded to multiples of 64, each moved by at most "
                                + worst
                                + " (units of v; "
                                + against
                                + ")");
            }
        }
        return new Result(b.build(), notes);
    }
}
