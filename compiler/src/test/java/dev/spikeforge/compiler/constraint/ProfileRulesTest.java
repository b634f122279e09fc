package dev.spikeforge.compiler.constraint;

import static dev.spikeforge.compiler.constraint.ConstraintViolation.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.KernelMemory;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SynapseStorage;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The limits beyond Loihi's, each broken alone and met exactly: see Fixtures.tiny for the base
 * chip.
 */
class ProfileRulesTest {
    static final TrainedNetwork ONE_LAYER = Fixtures.chain(8, 4);

    static List<ConstraintViolation> violations(
            TrainedNetwork net, ChipProfile.Builder p, CompileOptions o) {
        return ConstraintTest.violations(net, p, o);
    }

    @Test
    void narrowerWeightsThanTheChipStores() {
        List<ConstraintViolation> v =
                violations(
                        ONE_LAYER,
                        Fixtures.tiny().setMinWeightBits(4),
                        CompileOptions.defaults().withWeightBits(2));
        assertEquals(
                List.of(new ConstraintViolation(NETWORK, MIN_WEIGHT_BITS, 2, 4, v.get(0).hint())),
                v);
    }

    @Test
    void moreInputsThanTheChipHasChannels() {
        List<ConstraintViolation> v =
                violations(
                        ONE_LAYER,
                        Fixtures.tiny().setMaxInputChannels(7),
                        CompileOptions.defaults());
        assertEquals(
                List.of(new ConstraintViolation(NETWORK, INPUT_CHANNELS, 8, 7, v.get(0).hint())),
                v);
        assertTrue(
                Compiler.check(
                                ONE_LAYER,
                                Fixtures.tiny().setMaxInputChannels(8).build(),
                                CompileOptions.defaults())
                        .isEmpty());
    }

    @Test
    void moreOutputsThanTheChipHas() {
        List<ConstraintViolation> v =
                violations(
                        ONE_LAYER,
                        Fixtures.tiny().setMaxOutputNeurons(3),
                        CompileOptions.defaults());
        assertEquals(
                List.of(new ConstraintViolation("l0", OUTPUT_NEURONS, 4, 3, v.get(0).hint())), v);
    }

    @Test
    void aResetTheChipDoesNotImplement() {
        List<ConstraintViolation> v =
                violations(
                        ONE_LAYER,
                        Fixtures.tiny().addResetModes(ResetMode.RESET_BY_SUBTRACTION),
                        CompileOptions.defaults());
        assertEquals(List.of(RESET_MODE), ConstraintTest.names(v));
        assertEquals("l0", v.get(0).layer());
        assertTrue(v.get(0).hint().contains("RESET_TO_ZERO"), v.get(0).hint());
    }

    @Test
    void moreDestinationCoresThanACoreMaySendTo() {
        // Layer 1 (8 neurons) needs 2 cores of 4; every core of layer 0 sends to both.
        List<ConstraintViolation> v =
                violations(
                        Fixtures.chain(8, 4, 8),
                        Fixtures.tiny().setChips(2).setMaxDestinationCores(1),
                        CompileOptions.defaults());
        assertEquals(
                List.of(new ConstraintViolation("l0", DESTINATION_CORES, 2, 1, v.get(0).hint())),
                v);
    }

    static ChipProfile.Builder kernelChip(long kernel, long neuron) {
        return Fixtures.tiny()
                .setSynapseStorage(SynapseStorage.KERNEL_MEMORY)
                .setKernelMemory(
                        KernelMemory.newBuilder()
                                .addKernelEntries(kernel)
                                .addKernelEntries(kernel * 4)
                                .addNeuronEntries(neuron));
    }

    @Test
    void kernelMemoryPadsNeuronsToAPowerOfTwo() {
        // fan-in 8: a core of k neurons needs 8 x 2^ceil(log2 k) entries; 16 entries hold 2 neurons
        // (3 need 32).
        CompiledNetwork c = Compiler.compile(ONE_LAYER, kernelChip(16, 4).build());
        assertEquals(2, c.getCoresCount());
        assertEquals(16L * 8, c.getCores(0).getSynapseBits()); // 16 entries of 8 bits
        // The smallest core's memory sizes them all: a second core with 64 entries is not used for
        // more neurons.
        List<ConstraintViolation> v =
                violations(ONE_LAYER, kernelChip(7, 4), CompileOptions.defaults());
        assertEquals(
                List.of(new ConstraintViolation("l0", KERNEL_MEMORY, 8, 7, v.get(0).hint())), v);
    }

    @Test
    void sparseStorageChargesOnlyNonzeroSynapses() {
        // 4 neurons x 8 inputs with every other weight zero: 4 synapses x 8 bits = 32 bits each,
        // 128 for the layer.
        float[] w = Fixtures.random(32, 3);
        for (int i = 0; i < w.length; i += 2) w[i] = 0;
        TrainedNetwork net = Fixtures.network(8, 10, Fixtures.dense("half", 4, 8, w, null, 1f));
        CompiledNetwork c =
                Compiler.compile(
                        net,
                        Fixtures.tiny()
                                .setSynapseMemoryBitsPerCore(128)
                                .setSynapseStorage(SynapseStorage.SPARSE_WEIGHTS)
                                .build());
        assertEquals(1, c.getCoresCount());
        assertEquals(128, c.getCores(0).getSynapseBits());
        // The dense format stores all 8 inputs: 64 bits a neuron, two per core.
        assertEquals(
                2,
                Compiler.compile(net, Fixtures.tiny().setSynapseMemoryBitsPerCore(128).build())
                        .getCoresCount());
    }

    static ChipProfile.Builder crossbar() {
        // 16 axons: fan-in 8 with 2 weight levels. Memory 16 x 4 crossbar bits + 4 neurons x 4
        // types x 2 bits = 96.
        return Fixtures.tiny()
                .setSynapseStorage(SynapseStorage.CROSSBAR)
                .setAxonTypes(4)
                .setInputAxonsPerCore(16)
                .setSynapseMemoryBitsPerCore(96)
                .setWeightBits(9)
                .setMinWeightBits(1);
    }

    @Test
    void axonTypeChipsTakeTernaryLayersWithEachInputTwice() {
        CompiledNetwork c =
                Compiler.compile(
                        ONE_LAYER, crossbar().build(), CompileOptions.defaults().withWeightBits(2));
        assertEquals(1, c.getCoresCount());
        assertEquals(16, c.getCores(0).getInputAxons());
        assertEquals(96, c.getCores(0).getSynapseBits());
        assertEquals(2, c.getReport().getLayers(0).getMaxWeightLevels());
    }

    @Test
    void moreWeightLevelsThanAxonTypes() {
        // At 8 bits the random weights take 8 distinct values per neuron (and each input 8 axons:
        // 64 > 16).
        List<ConstraintViolation> v =
                violations(
                        ONE_LAYER,
                        crossbar().setInputAxonsPerCore(64).setSynapseMemoryBitsPerCore(1 << 20),
                        CompileOptions.defaults().withWeightBits(8));
        assertEquals(
                List.of(new ConstraintViolation("l0", WEIGHT_LEVELS, 8, 4, v.get(0).hint())), v);
        assertTrue(v.get(0).hint().contains("--weight-bits 2"));
    }

    @Test
    void newAndOldLimitsAreListedTogether() {
        ChipProfile.Builder p =
                Fixtures.tiny()
                        .setMaxInputChannels(4)
                        .setMaxFanIn(6)
                        .setMaxOutputNeurons(2)
                        .addResetModes(ResetMode.RESET_BY_SUBTRACTION);
        List<ConstraintViolation> v =
                violations(Fixtures.chain(8, 4), p, CompileOptions.defaults().withWeightBits(9));
        assertEquals(
                List.of(WEIGHT_BITS, INPUT_CHANNELS, OUTPUT_NEURONS, RESET_MODE, FAN_IN),
                ConstraintTest.names(v));
    }
}
