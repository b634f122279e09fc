package dev.spikeforge.artifact.validate;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.NeuronModel;

/**
 * The fields of a {@link ChipProfile} that running a network depends on: the energy figures (finite, not negative,
 * bounded, so no energy report is negative, NaN or infinite) and the feature limits the layers are held to. A
 * profile embedded in a compiled network is checked by these rules only (hand-written networks carry a profile of a
 * name and a few figures); a profile the compiler loads must also pass the compiler's own, stricter checks.
 */
public final class EmbeddedProfileRules {
    private EmbeddedProfileRules() {}

    /** {@code at} prefixes every field name, e.g. "profile." for the profile of a compiled network. */
    public static void check(ChipProfile p, String at, Problems problems) {
        energy(p.getEnergy(), at + "energy.", problems);
        for (int i = 0; i < p.getNeuronModelsCount(); i++) {
            problems.known(at + "neuron_models[" + i + "]", p.getNeuronModels(i), p.getNeuronModelsValue(i));
        }
        problems.unsigned(at + "max_refractory_steps", p.getMaxRefractorySteps(), 0, FormatLimits.MAX_REFRACTORY_STEPS);
        problems.unsigned(at + "max_axon_delay", p.getMaxAxonDelay(), 0, FormatLimits.MAX_AXON_DELAY);
        problems.unsigned(at + "weight_bits", p.getWeightBits(), 0, FormatLimits.MAX_WEIGHT_BITS);
        if (p.getStateBits() != 0) problems.unsigned(at + "state_bits", p.getStateBits(), 12, 24);
        if (p.hasWeightExponent()) {
            int min = p.getWeightExponent().getMin(), max = p.getWeightExponent().getMax();
            problems.range(at + "weight_exponent.min", min, FormatLimits.MIN_WEIGHT_EXP, FormatLimits.MAX_WEIGHT_EXP);
            problems.range(at + "weight_exponent.max", max, Math.max(min, FormatLimits.MIN_WEIGHT_EXP), FormatLimits.MAX_WEIGHT_EXP);
        }
        problems.known(at + "lif_model", p.getLifModel(), p.getLifModelValue());
        problems.known(at + "synapse_storage", p.getSynapseStorage(), p.getSynapseStorageValue());
    }

    /** Energy figures: per-event ones in [0, 1] J, static power in [0, 1 kW], step time in [0, 1 h]. */
    public static void energy(EnergyModel e, String at, Problems problems) {
        double j = FormatLimits.MAX_EVENT_J;
        problems.finite(at + "synaptic_op_j", e.getSynapticOpJ(), 0, j);
        problems.finite(at + "spike_j", e.getSpikeJ(), 0, j);
        problems.finite(at + "neuron_update_j", e.getNeuronUpdateJ(), 0, j);
        problems.finite(at + "hop_j", e.getHopJ(), 0, j);
        problems.finite(at + "chip_hop_j", e.getChipHopJ(), 0, j);
        problems.finite(at + "static_energy_per_step_j", e.getStaticEnergyPerStepJ(), 0, j);
        boolean power = problems.finite(at + "static_power_per_core_w", e.getStaticPowerPerCoreW(), 0, FormatLimits.MAX_STATIC_POWER_W);
        boolean step = problems.finite(at + "step_seconds", e.getStepSeconds(), 0, FormatLimits.MAX_STEP_SECONDS);
        // Static energy is power × steps × step time: with no step time a static power would silently count nothing.
        if (power && step && e.getStaticPowerPerCoreW() > 0 && e.getStepSeconds() == 0) {
            problems.add(at + "step_seconds", "is 0 but static_power_per_core_w is " + e.getStaticPowerPerCoreW()
                    + " (static energy is power × steps × step_seconds)");
        }
    }

    /** Whether the profile lets a layer use {@code model} (CUBA_LIF always). */
    static boolean supports(ChipProfile p, NeuronModel model) {
        return model == NeuronModel.CUBA_LIF || p.getNeuronModelsList().contains(model);
    }
}
