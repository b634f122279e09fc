package dev.spikeforge.netx.mapping;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;
import static dev.spikeforge.neuron.FixedPoint.DECAY_UNITY;
import static dev.spikeforge.neuron.FixedPoint.MAX_STATE;

import dev.spikeforge.netx.format.NetxNeuron;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import java.util.List;

/**
 * A compiled layer's neuron fields and a netx {@code neuron} group, both ways. Lava builds a CUBA
 * neuron as its bit-accurate LIF with {@code du = iDecay − 1}, {@code dv = vDecay}, {@code vth =
 * vThMant}: the same integer datapath as Spikeforge's {@code CubaLif} (decays truncated toward
 * zero, input and threshold shifted by 6, u wrapped and v clipped at 24 bits, v set to 0 after a
 * spike), so du, dv and vth_mant carry over unchanged.
 */
public final class NeuronFields {
    /**
     * The threshold mantissa of a layer that never spikes: 2^17 &lt;&lt; 6 = 2^23 lies above the
     * largest v (2^23 − 1). netx writes the same value ({@code 1 << 18 - 1} in Python) for a dense
     * layer without a neuron group.
     */
    public static final int NEVER_SPIKES = 1 << 17;

    /**
     * The largest threshold mantissa a spiking layer has (Loihi's 17-bit field, and Spikeforge's).
     */
    public static final int VTH_MANT_MAX = MAX_STATE >> ACT_SHIFT;

    private NeuronFields() {}

    /**
     * The neuron group of a compiled layer, or null (with problems added) when Lava's LIF cannot
     * run it exactly.
     */
    public static NetxNeuron toNetx(CompiledLayer layer, String where, Problems problems) {
        FixedLifParams p = layer.getNeuron();
        int du, dv;
        switch (p.getModel()) {
            case CUBA_LIF -> {
                du = p.getDu();
                dv = p.getDv();
            }
            // IF is CUBA with no current memory and no leak: the same v and spikes
            // (docs/compiled-network.md)
            case INTEGRATE_AND_FIRE -> {
                du = DECAY_UNITY - 1;
                dv = 0;
            }
            default -> {
                problems.add(
                        where,
                        "neuron.model " + p.getModel(),
                        "netx describes CUBA LIF compartments (multiplicative 12-bit decays); a"
                            + " bit-shift leak x − (x >> shift) rounds toward −∞ and has no exact"
                            + " CUBA decay");
                return null;
            }
        }
        int before = problems.count();
        if (p.getRefractorySteps() > 0) {
            problems.add(
                    where,
                    "neuron.refractory_steps " + p.getRefractorySteps(),
                    "Lava's LIF has no refractory period and netx does not read refDelay");
        }
        int vth;
        if (p.getReadout()) {
            vth = NEVER_SPIKES;
        } else {
            if (p.getReset() == ResetMode.RESET_BY_SUBTRACTION) {
                problems.add(
                        where,
                        "neuron.reset RESET_BY_SUBTRACTION",
                        "Lava's LIF sets v to 0 after a spike; compile with reset to zero");
            }
            vth = threshold(layer, where, problems);
        }
        return problems.count() == before ? NetxNeuron.cuba(du + 1, dv, vth) : null;
    }

    /**
     * The one threshold mantissa of a spiking layer: {@code vth_mant}, or {@code vth_mants} when
     * every entry is equal.
     */
    private static int threshold(CompiledLayer layer, String where, Problems problems) {
        List<Integer> mants = layer.getVthMantsList();
        if (mants.isEmpty()) return layer.getNeuron().getVthMant();
        int first = mants.get(0);
        for (int n = 1; n < mants.size(); n++) {
            if (mants.get(n) != first) {
                problems.add(
                        where,
                        "vth_mants",
                        "neuron 0 has "
                                + first
                                + ", neuron "
                                + n
                                + " has "
                                + mants.get(n)
                                + "; Lava's LIF has one threshold per layer (compile with --scale"
                                + " per-layer)");
                return 0;
            }
        }
        return first;
    }

    /**
     * The neuron fields of an imported layer; {@code last} allows a never-spiking layer (it becomes
     * the readout).
     */
    public static FixedLifParams fromNetx(
            NetxNeuron n, boolean last, String where, Problems problems, List<String> notes) {
        if (n == null) {
            problems.add(
                    where,
                    "neuron",
                    "is absent: netx's default is a non-leaky integrator (iDecay 0: Lava's du = −1,"
                        + " a current that never decays), which Spikeforge's 12-bit du (keeping at"
                        + " most 4095/4096 per step) cannot hold");
            return null;
        }
        if (!n.isCuba()) {
            problems.add(
                    where,
                    "neuron/type '" + n.type() + "'",
                    "Lava builds it as another process than a CUBA LIF; only CUBA (and LOIHI)"
                            + " neurons import");
            return null;
        }
        int before = problems.count();
        if (n.messageBits().isPresent() && n.messageBits().getAsInt() != 0) {
            problems.add(
                    where,
                    "neuron/messageBits " + n.messageBits().getAsInt(),
                    "graded spikes; Spikeforge's spikes are binary");
        }
        if (n.iDecay() < 1 || n.iDecay() > DECAY_UNITY) {
            problems.add(
                    where,
                    "neuron/iDecay " + n.iDecay(),
                    "must be 1..4096 (Lava's du = iDecay − 1 is Loihi's 12-bit field 0..4095)");
        }
        if (n.vDecay() < 0 || n.vDecay() > DECAY_UNITY - 1) {
            problems.add(
                    where, "neuron/vDecay " + n.vDecay(), "must be 0..4095 (Loihi's 12-bit dv)");
        }
        boolean readout = n.vThMant() >= NEVER_SPIKES;
        if (readout && !last) {
            problems.add(
                    where,
                    "neuron/vThMant " + n.vThMant(),
                    "never spikes (vThMant << 6 is above the largest v), so nothing reaches the "
                            + "next layer; only the last layer may be such a readout");
        }
        if (n.vThMant() < 1)
            problems.add(
                    where,
                    "neuron/vThMant " + n.vThMant(),
                    "must be at least 1 (Spikeforge's thresholds are 1..131071)");
        if (n.refDelay().isPresent() && n.refDelay().getAsInt() != 1) {
            notes.add(
                    where
                            + " neuron/refDelay "
                            + n.refDelay().getAsInt()
                            + " is not read by Lava (its LIF has no refractory period); imported"
                            + " without one");
        }
        if (problems.count() != before) return null;
        return FixedLifParams.newBuilder()
                .setModel(NeuronModel.CUBA_LIF)
                .setDu(n.iDecay() - 1)
                .setDv(n.vDecay())
                .setVthMant(readout ? VTH_MANT_MAX : n.vThMant())
                .setReadout(readout)
                .setReset(ResetMode.RESET_TO_ZERO)
                .build();
    }
}
