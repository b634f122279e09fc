package dev.spikeforge.compiler.profile;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SynapseStorage;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The shipped profiles hold their chips' figures, and a small network compiles and runs on each.
 */
class ShippedProfilesTest {

    @Test
    void truenorthHasItsCrossbarAndAxonTypes() {
        ChipProfile p = ChipProfiles.load("truenorth");
        assertEquals(256, p.getNeuronsPerCore());
        assertEquals(256, p.getInputAxonsPerCore());
        assertEquals(4, p.getAxonTypes());
        assertEquals(9, p.getWeightBits());
        assertEquals(4096, p.getCoresPerChip());
        assertEquals(SynapseStorage.CROSSBAR, p.getSynapseStorage());
        assertEquals(256L * 256 + 256 * 4 * 9, p.getSynapseMemoryBitsPerCore());
    }

    @Test
    void xyloAndSpeckHaveTheirSmallChipLimits() {
        ChipProfile x = ChipProfiles.load("xylo");
        assertEquals(16, x.getMaxInputChannels());
        assertEquals(1000, x.getNeuronsPerCore());
        assertEquals(8, x.getMaxOutputNeurons());
        assertEquals(64, x.getMaxFanOut());
        assertEquals(NeuronModel.SHIFT_LIF, x.getLifModel());
        ChipProfile s = ChipProfiles.load("speck");
        assertEquals(9, s.getCoresPerChip());
        assertEquals(9, s.getKernelMemory().getKernelEntriesCount());
        assertEquals(2, s.getMaxDestinationCores());
        assertEquals(1, ChipProfiles.load("loihi1").getMinWeightBits());
        assertEquals(256, ChipProfiles.load("spinnaker1").getNeuronsPerCore());
        ChipProfile l2 = ChipProfiles.load("loihi2");
        assertEquals(l2.getChips(), l2.getChipsX() * l2.getChipsY());
        for (String name : ChipProfiles.shippedNames()) {
            assertTrue(
                    ChipProfiles.load(name).getSourcesList().stream()
                            .anyMatch(src -> src.contains("energy")),
                    name + " says where its energy figures come from");
        }
    }

    /**
     * 16 inputs -> 32 LIF -> 8 readout: small enough for every shipped chip, with a reset the chip
     * implements.
     */
    static TrainedNetwork small(ResetMode reset) {
        TrainedLayer hidden =
                Fixtures.dense("hidden", 32, 16, Fixtures.random(32 * 16, 21), null, 1f);
        hidden =
                hidden.toBuilder()
                        .setNeuron(hidden.getNeuron().toBuilder().setReset(reset))
                        .build();
        return Fixtures.network(
                16, 10, hidden, Fixtures.readout("out", 8, 32, Fixtures.random(8 * 32, 22)));
    }

    @Test
    void aSmallNetworkCompilesAndRunsOnEveryShippedProfile() {
        for (String name : ChipProfiles.shippedNames()) {
            ChipProfile p = ChipProfiles.load(name);
            // TrueNorth holds 4 weights per neuron: ternary is the width that fits; the simulator
            // stores 8 bits.
            int bits = name.equals("truenorth") ? 2 : Math.min(8, p.getWeightBits());
            ResetMode reset =
                    p.getResetModesCount() == 0 ? ResetMode.RESET_TO_ZERO : p.getResetModes(0);
            CompiledNetwork c =
                    Compiler.compile(
                            small(reset), p, CompileOptions.defaults().withWeightBits(bits));
            assertEquals(p.getLifModel(), c.getLayers(0).getNeuron().getModel(), name);
            try (Simulator sim = new Simulator(c)) {
                for (int t = 0; t < 5; t++) sim.step(new int[] {0, 3, 7, 15}, 4);
            }
        }
    }
}
