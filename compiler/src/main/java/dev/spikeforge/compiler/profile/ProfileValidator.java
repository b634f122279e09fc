package dev.spikeforge.compiler.profile;

import com.google.protobuf.Descriptors.Descriptor;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.artifact.validate.EmbeddedProfileRules;
import dev.spikeforge.proto.artifact.validate.FormatLimits;
import dev.spikeforge.proto.artifact.validate.Problems;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field-by-field checks of a {@link ChipProfile}. Proto3 reads a missing number as 0, so "must be
 * &gt; 0" also catches fields left out of a hand-written file. All problems are collected before
 * failing.
 */
public final class ProfileValidator {
    /** Weight widths the quantizer supports: 1 bit is binary {-1, +1}, 2 bits ternary. */
    public static final int MIN_WEIGHT_BITS = FormatLimits.MIN_WEIGHT_BITS;

    public static final int MAX_WEIGHT_BITS = FormatLimits.MAX_WEIGHT_BITS;

    private ProfileValidator() {}

    /**
     * Throws a {@link ProfileException} naming {@code source} and every bad field; returns the
     * profile when valid.
     */
    public static ChipProfile validate(ChipProfile p, String source) {
        Map<String, String> bad = new LinkedHashMap<>();
        if (p.getName().isBlank()) bad.put(json("name"), "must not be empty");
        positive(bad, "neurons_per_core", p.getNeuronsPerCore());
        positive(bad, "input_axons_per_core", p.getInputAxonsPerCore());
        positive(bad, "output_axons_per_core", p.getOutputAxonsPerCore());
        positive(bad, "max_fan_in", p.getMaxFanIn());
        positive(bad, "max_fan_out", p.getMaxFanOut());
        positive(bad, "synapse_memory_bits_per_core", p.getSynapseMemoryBitsPerCore());
        positive(bad, "cores_per_chip", p.getCoresPerChip());
        positive(bad, "chips", p.getChips());
        positive(bad, "mesh_width", p.getMeshWidth());
        positive(bad, "mesh_height", p.getMeshHeight());
        if (p.getWeightBits() < MIN_WEIGHT_BITS || p.getWeightBits() > MAX_WEIGHT_BITS) {
            bad.put(
                    json("weight_bits"),
                    "must be in ["
                            + MIN_WEIGHT_BITS
                            + ", "
                            + MAX_WEIGHT_BITS
                            + "], got "
                            + p.getWeightBits());
        }
        if (p.getMeshWidth() > 0
                && p.getMeshHeight() > 0
                && (long) p.getMeshWidth() * p.getMeshHeight() < p.getCoresPerChip()) {
            bad.put(
                    json("mesh_width"),
                    "with "
                            + json("mesh_height")
                            + ": a mesh of "
                            + p.getMeshWidth()
                            + " x "
                            + p.getMeshHeight()
                            + " positions cannot hold coresPerChip="
                            + p.getCoresPerChip()
                            + " cores");
        }
        checkCompilerFields(p, bad);
        checkEnergy(p, bad);
        if (!bad.isEmpty()) {
            List<String> lines = new ArrayList<>();
            bad.forEach((field, why) -> lines.add("field '" + field + "' " + why));
            throw new ProfileException(
                    source,
                    List.copyOf(bad.keySet()),
                    "invalid chip profile:\n  - " + String.join("\n  - ", lines));
        }
        return p;
    }

    /** The fields numbered from 30: board shape, weight and state widths, storage rules. */
    private static void checkCompilerFields(ChipProfile p, Map<String, String> bad) {
        if ((p.getChipsX() > 0 || p.getChipsY() > 0)
                && (long) p.getChipsX() * p.getChipsY() != p.getChips()) {
            bad.put(
                    json("chips_x"),
                    "with "
                            + json("chips_y")
                            + ": "
                            + p.getChipsX()
                            + " x "
                            + p.getChipsY()
                            + " is not chips="
                            + p.getChips());
        }
        if (p.getMinWeightBits() > p.getWeightBits()) {
            bad.put(
                    json("min_weight_bits"),
                    "must be <= weight_bits ("
                            + p.getWeightBits()
                            + "), got "
                            + p.getMinWeightBits());
        }
        if (p.hasWeightExponent()
                && (p.getWeightExponent().getMin() > p.getWeightExponent().getMax()
                        || p.getWeightExponent().getMin() < FormatLimits.MIN_WEIGHT_EXP
                        || p.getWeightExponent().getMax() > FormatLimits.MAX_WEIGHT_EXP)) {
            bad.put(
                    json("weight_exponent"),
                    "must have "
                            + FormatLimits.MIN_WEIGHT_EXP
                            + " <= min <= max <= "
                            + FormatLimits.MAX_WEIGHT_EXP
                            + ", got ["
                            + p.getWeightExponent().getMin()
                            + ", "
                            + p.getWeightExponent().getMax()
                            + "]");
        }
        if (p.getStateBits() != 0 && (p.getStateBits() < 12 || p.getStateBits() > 24)) {
            bad.put(
                    json("state_bits"),
                    "must be 0 (24) or in [12, 24] (the simulator computes in 24 bits), got "
                            + p.getStateBits());
        }
        if (p.getSynapseStorage() == dev.spikeforge.proto.SynapseStorage.CROSSBAR
                && p.getAxonTypes() == 0) {
            bad.put(
                    json("axon_types"),
                    "must be > 0 with synapse_storage CROSSBAR (a neuron's weights are per axon"
                            + " type)");
        }
        if (p.getSynapseStorage() == dev.spikeforge.proto.SynapseStorage.KERNEL_MEMORY
                && (p.getKernelMemory().getKernelEntriesCount() == 0
                        || p.getKernelMemory().getNeuronEntriesCount() == 0)) {
            bad.put(
                    json("kernel_memory"),
                    "must list kernel_entries and neuron_entries with synapse_storage"
                            + " KERNEL_MEMORY");
        }
        if (p.getLifModel() != dev.spikeforge.proto.NeuronModel.CUBA_LIF
                && !p.getNeuronModelsList().contains(p.getLifModel())) {
            bad.put(
                    json("lif_model"),
                    p.getLifModel() + " must also be listed in " + json("neuron_models"));
        }
    }

    /**
     * The energy figures follow the same rules as a profile embedded in a compiled network (finite,
     * not negative, bounded); a profile the compiler loads must also give them and a step time.
     */
    private static void checkEnergy(ChipProfile p, Map<String, String> bad) {
        if (p.hasCost()) {
            // The cost model's own check, the one the simulator runs too.
            List<String> problems = ChipCosts.problems(p);
            if (!problems.isEmpty())
                bad.put(json("cost"), "is invalid: " + String.join("; ", problems));
            return;
        }
        if (!p.hasEnergy()) {
            bad.put(
                    json("cost"),
                    "is missing (energy and latency estimates need it; docs/energy.md gives its"
                            + " fields)");
            return;
        }
        EnergyModel e = p.getEnergy();
        Problems problems = new Problems();
        EmbeddedProfileRules.energy(e, json("energy") + ".", problems);
        List<String> fields = problems.fields(), lines = problems.list();
        for (int i = 0; i < fields.size(); i++)
            bad.put(fields.get(i), lines.get(i).substring(fields.get(i).length()).strip());
        // Static energy is power x steps x step time, so a step needs a duration.
        if (!(e.getStepSeconds() > 0) && !bad.containsKey(energyJson("step_seconds"))) {
            bad.put(
                    energyJson("step_seconds"),
                    e.getStepSeconds() == 0
                            ? "must be > 0 (it is 0 or missing)"
                            : "must be > 0, got " + e.getStepSeconds());
        }
    }

    private static void positive(Map<String, String> bad, String field, long value) {
        if (value <= 0)
            bad.put(
                    json(field),
                    value == 0 ? "must be > 0 (it is 0 or missing)" : "must be > 0, got " + value);
    }

    /**
     * The name a user sees in the JSON file (lowerCamelCase), derived from the schema so it never
     * drifts.
     */
    static String json(String protoField) {
        return jsonName(ChipProfile.getDescriptor(), protoField);
    }

    private static String energyJson(String protoField) {
        return json("energy") + "." + jsonName(EnergyModel.getDescriptor(), protoField);
    }

    private static String jsonName(Descriptor d, String protoField) {
        return d.findFieldByName(protoField).getName();
    }
}
