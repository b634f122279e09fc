package dev.spikeforge.device.bridge.device;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a network compiled against one profile fits a chip described by another: every limit the
 * compiler kept the network inside must be one the chip also has room for. A profile's name says
 * nothing: a profile file edited by hand (more neurons per core, wider weights) keeps its name, and
 * its networks may not fit the real chip. Costs and energy figures are not limits; the chip's own
 * replace them.
 */
final class ProfileLimits {
    private ProfileLimits() {}

    /**
     * The limits of {@code compiledFor} that {@code chip} does not meet, one phrase each; empty
     * when it fits.
     */
    static List<String> exceeded(ChipProfile chip, ChipProfile compiledFor) {
        List<String> out = new ArrayList<>();
        // Capacities where 0 means "no limit": a network compiled without one may need more than
        // any chip has.
        capacity(
                out, "neurons_per_core", compiledFor.getNeuronsPerCore(), chip.getNeuronsPerCore());
        capacity(
                out,
                "input_axons_per_core",
                compiledFor.getInputAxonsPerCore(),
                chip.getInputAxonsPerCore());
        capacity(
                out,
                "output_axons_per_core",
                compiledFor.getOutputAxonsPerCore(),
                chip.getOutputAxonsPerCore());
        capacity(out, "max_fan_in", compiledFor.getMaxFanIn(), chip.getMaxFanIn());
        capacity(out, "max_fan_out", compiledFor.getMaxFanOut(), chip.getMaxFanOut());
        capacity(
                out,
                "synapse_memory_bits_per_core",
                compiledFor.getSynapseMemoryBitsPerCore(),
                chip.getSynapseMemoryBitsPerCore());
        capacity(out, "cores_per_chip", compiledFor.getCoresPerChip(), chip.getCoresPerChip());
        capacity(out, "chips", compiledFor.getChips(), chip.getChips());
        capacity(out, "mesh_width", compiledFor.getMeshWidth(), chip.getMeshWidth());
        capacity(out, "mesh_height", compiledFor.getMeshHeight(), chip.getMeshHeight());
        capacity(out, "chips_x", compiledFor.getChipsX(), chip.getChipsX());
        capacity(out, "chips_y", compiledFor.getChipsY(), chip.getChipsY());
        capacity(
                out,
                "max_input_channels",
                compiledFor.getMaxInputChannels(),
                chip.getMaxInputChannels());
        capacity(
                out,
                "max_output_neurons",
                compiledFor.getMaxOutputNeurons(),
                chip.getMaxOutputNeurons());
        capacity(
                out,
                "max_destination_cores",
                compiledFor.getMaxDestinationCores(),
                chip.getMaxDestinationCores());
        capacity(out, "axon_types", compiledFor.getAxonTypes(), chip.getAxonTypes());
        // Widths and ranges where 0 is the least a chip can do (none, binary, or the default
        // width).
        atMost(out, "weight_bits", compiledFor.getWeightBits(), chip.getWeightBits());
        atMost(out, "state_bits", stateBits(compiledFor), stateBits(chip));
        atMost(
                out,
                "max_refractory_steps",
                compiledFor.getMaxRefractorySteps(),
                chip.getMaxRefractorySteps());
        atMost(out, "max_axon_delay", compiledFor.getMaxAxonDelay(), chip.getMaxAxonDelay());
        atMost(
                out,
                "graded_spike_bits",
                compiledFor.getGradedSpikeBits(),
                chip.getGradedSpikeBits());
        if (minWeightBits(compiledFor) < minWeightBits(chip)) {
            out.add("min_weight_bits " + minWeightBits(compiledFor) + " < " + minWeightBits(chip));
        }
        for (NeuronModel m : compiledFor.getNeuronModelsList()) {
            // CUBA_LIF is always implemented, listed or not.
            if (m != NeuronModel.CUBA_LIF && !chip.getNeuronModelsList().contains(m))
                out.add("neuron model " + m + " not implemented");
        }
        // An empty list of reset modes means all of them.
        List<ResetMode> chipResets = chip.getResetModesList();
        if (!chipResets.isEmpty()) {
            List<ResetMode> needed =
                    compiledFor.getResetModesList().isEmpty()
                            ? List.of(ResetMode.values())
                            : compiledFor.getResetModesList();
            for (ResetMode r : needed) {
                if (r != ResetMode.UNRECOGNIZED && !chipResets.contains(r))
                    out.add("reset mode " + r + " not implemented");
            }
        }
        return out;
    }

    private static void capacity(List<String> out, String field, long needed, long has) {
        if (has == 0) return;
        if (needed == 0) out.add(field + " unlimited > " + has);
        else if (Long.compareUnsigned(needed, has) > 0)
            out.add(field + " " + Long.toUnsignedString(needed) + " > " + has);
    }

    private static void atMost(List<String> out, String field, long needed, long has) {
        if (Long.compareUnsigned(needed, has) > 0)
            out.add(
                    field
                            + " "
                            + Long.toUnsignedString(needed)
                            + " > "
                            + Long.toUnsignedString(has));
    }

    private static int stateBits(ChipProfile p) {
        return p.getStateBits() == 0 ? 24 : p.getStateBits();
    }

    private static int minWeightBits(ChipProfile p) {
        return p.getMinWeightBits() == 0 ? 2 : p.getMinWeightBits();
    }
}
