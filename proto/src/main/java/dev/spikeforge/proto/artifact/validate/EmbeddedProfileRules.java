package dev.spikeforge.proto.artifact.validate;

import com.google.protobuf.Descriptors;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CostModel;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.EventCost;
import dev.spikeforge.proto.Figure;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.Pacing;
import dev.spikeforge.proto.SyncTime;

/**
 * The fields of a {@link ChipProfile} that running a network depends on: the cost model's figures,
 * or a legacy energy block (finite, not negative, bounded, inside their ranges, so no energy or
 * latency report is negative, NaN or infinite) and the feature limits the layers are held to. A
 * profile embedded in a compiled network is checked by these rules only (hand-written networks
 * carry a profile of a name and a few figures); a profile the compiler loads must also pass the
 * compiler's own, stricter checks.
 */
public final class EmbeddedProfileRules {
    private EmbeddedProfileRules() {}

    /**
     * {@code at} prefixes every field name, e.g. "profile." for the profile of a compiled network.
     */
    public static void check(ChipProfile p, String at, Problems problems) {
        if (p.hasCost()) cost(p.getCost(), at + "cost.", problems);
        else energy(p.getEnergy(), at + "energy.", problems);
        problems.unsigned(at + "tile_width", p.getTileWidth(), 0, FormatLimits.MAX_TILE_CORES);
        problems.unsigned(at + "tile_height", p.getTileHeight(), 0, FormatLimits.MAX_TILE_CORES);
        for (int i = 0; i < p.getNeuronModelsCount(); i++) {
            problems.known(
                    at + "neuron_models[" + i + "]",
                    p.getNeuronModels(i),
                    p.getNeuronModelsValue(i));
        }
        problems.unsigned(
                at + "max_refractory_steps",
                p.getMaxRefractorySteps(),
                0,
                FormatLimits.MAX_REFRACTORY_STEPS);
        problems.unsigned(
                at + "max_axon_delay", p.getMaxAxonDelay(), 0, FormatLimits.MAX_AXON_DELAY);
        problems.unsigned(at + "weight_bits", p.getWeightBits(), 0, FormatLimits.MAX_WEIGHT_BITS);
        if (p.getStateBits() != 0) problems.unsigned(at + "state_bits", p.getStateBits(), 12, 24);
        if (p.hasWeightExponent()) {
            int min = p.getWeightExponent().getMin(), max = p.getWeightExponent().getMax();
            problems.range(
                    at + "weight_exponent.min",
                    min,
                    FormatLimits.MIN_WEIGHT_EXP,
                    FormatLimits.MAX_WEIGHT_EXP);
            problems.range(
                    at + "weight_exponent.max",
                    max,
                    Math.max(min, FormatLimits.MIN_WEIGHT_EXP),
                    FormatLimits.MAX_WEIGHT_EXP);
        }
        problems.known(at + "lif_model", p.getLifModel(), p.getLifModelValue());
        problems.known(at + "synapse_storage", p.getSynapseStorage(), p.getSynapseStorageValue());
    }

    /**
     * Energy figures: per-event ones in [0, 1] J, static power in [0, 1 kW], step time in [0, 1 h].
     */
    public static void energy(EnergyModel e, String at, Problems problems) {
        double j = FormatLimits.MAX_EVENT_J;
        problems.finite(at + "synaptic_op_j", e.getSynapticOpJ(), 0, j);
        problems.finite(at + "spike_j", e.getSpikeJ(), 0, j);
        problems.finite(at + "neuron_update_j", e.getNeuronUpdateJ(), 0, j);
        problems.finite(at + "hop_j", e.getHopJ(), 0, j);
        problems.finite(at + "chip_hop_j", e.getChipHopJ(), 0, j);
        problems.finite(at + "static_energy_per_step_j", e.getStaticEnergyPerStepJ(), 0, j);
        boolean power =
                problems.finite(
                        at + "static_power_per_core_w",
                        e.getStaticPowerPerCoreW(),
                        0,
                        FormatLimits.MAX_STATIC_POWER_W);
        boolean step =
                problems.finite(
                        at + "step_seconds", e.getStepSeconds(), 0, FormatLimits.MAX_STEP_SECONDS);
        // Static energy is power × steps × step time: with no step time a static power would
        // silently count nothing.
        if (power && step && e.getStaticPowerPerCoreW() > 0 && e.getStepSeconds() == 0) {
            problems.add(
                    at + "step_seconds",
                    "is 0 but static_power_per_core_w is "
                            + e.getStaticPowerPerCoreW()
                            + " (static energy is power × steps × step_seconds)");
        }
    }

    /**
     * A cost model: every figure finite, not negative, bounded (per-event energies in [0, 1] J,
     * latencies and times in [0, 1 h], static power in [0, 1 kW]) and inside its own range [low,
     * high] when one is given; a paced chip has a step period; the barrier table's tile counts
     * increase.
     */
    public static void cost(CostModel m, String at, Problems problems) {
        for (Descriptors.FieldDescriptor f : CostModel.getDescriptor().getFields()) {
            if (f.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                    && !f.isRepeated()
                    && f.getMessageType().equals(EventCost.getDescriptor())) {
                EventCost c = (EventCost) m.getField(f);
                figure(
                        c.getEnergyJ(),
                        at + f.getName() + ".energy_j",
                        FormatLimits.MAX_EVENT_J,
                        problems);
                figure(
                        c.getLatencyS(),
                        at + f.getName() + ".latency_s",
                        FormatLimits.MAX_STEP_SECONDS,
                        problems);
            }
        }
        figure(
                m.getStaticPowerW(),
                at + "static_power_w",
                FormatLimits.MAX_STATIC_POWER_W,
                problems);
        figure(
                m.getStaticEnergyPerStepJ(),
                at + "static_energy_per_step_j",
                FormatLimits.MAX_EVENT_J,
                problems);
        figure(m.getStepPeriodS(), at + "step_period_s", FormatLimits.MAX_STEP_SECONDS, problems);
        problems.known(at + "pacing", m.getPacing(), m.getPacingValue());
        problems.known(at + "static_scope", m.getStaticScope(), m.getStaticScopeValue());
        if (m.getPacing() == Pacing.PACED && !(m.getStepPeriodS().getValue() > 0)) {
            problems.add(
                    at + "step_period_s",
                    "must be > 0 for a PACED chip (it is the step's fixed length), got "
                            + m.getStepPeriodS().getValue());
        }
        long last = -1;
        for (int i = 0; i < m.getSyncCount(); i++) {
            SyncTime s = m.getSync(i);
            long tiles = Integer.toUnsignedLong(s.getTiles());
            if (tiles <= last)
                problems.add(
                        at + "sync[" + i + "].tiles",
                        "must increase from entry to entry, got " + tiles + " after " + last);
            last = tiles;
            figure(
                    s.getSeconds(),
                    at + "sync[" + i + "].seconds",
                    FormatLimits.MAX_STEP_SECONDS,
                    problems);
        }
    }

    /**
     * A figure: value, low and high finite in [0, max], and low <= value <= high when a range is
     * given.
     */
    private static void figure(Figure f, String field, double max, Problems problems) {
        boolean ok = problems.finite(field + ".value", f.getValue(), 0, max);
        ok &= problems.finite(field + ".low", f.getLow(), 0, max);
        ok &= problems.finite(field + ".high", f.getHigh(), 0, max);
        boolean ranged = f.getLow() != 0 || f.getHigh() != 0;
        if (ok && ranged && !(f.getLow() <= f.getValue() && f.getValue() <= f.getHigh())) {
            problems.add(
                    field,
                    "value "
                            + f.getValue()
                            + " lies outside its range ["
                            + f.getLow()
                            + ", "
                            + f.getHigh()
                            + "]");
        }
        problems.known(field + ".status", f.getStatus(), f.getStatusValue());
    }

    /** Whether the profile lets a layer use {@code model} (CUBA_LIF always). */
    static boolean supports(ChipProfile p, NeuronModel model) {
        return model == NeuronModel.CUBA_LIF || p.getNeuronModelsList().contains(model);
    }
}
