package dev.spikeforge.compiler.conv;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.mapping.CoreUse;
import dev.spikeforge.compiler.mapping.Partition;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SynapseStorage;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Synapse memory of a small conv layer, hand-computed: input 1x4x4, 2 output channels of 3x3
 * kernels, no padding, so out 2x2x2 = 8 neurons with 9 taps each, 8-bit weights, 4 neurons per core
 * (core 0 = channel 0, core 1 = channel 1). Without sharing a neuron stores its 9 taps: 4 x 9 x (8
 * + overhead) bits per core. With sharing a core stores its channel's kernel once: 1 x 9 x (8 +
 * overhead). Each core receives the 4x4 input (its 4 positions' windows cover rows 0..3): 16 axons.
 */
class KernelSharingMemoryTest {
    static TrainedNetwork net() {
        float[] kernel = new float[2 * 9];
        for (int i = 0; i < kernel.length; i++) kernel[i] = (i % 5 - 2) / 4f + 0.1f; // no zero taps
        TrainedNetwork n =
                Fixtures.network(
                        16,
                        5,
                        Fixtures.conv(
                                "conv",
                                1,
                                4,
                                4,
                                2,
                                3,
                                0,
                                1,
                                kernel,
                                null,
                                1f,
                                ResetMode.RESET_TO_ZERO));
        return n.toBuilder()
                .setInput(n.getInput().toBuilder().clearShape().addShape(1).addShape(4).addShape(4))
                .build();
    }

    static ChipProfile profile(boolean sharing, SynapseStorage storage, int overhead) {
        return Fixtures.tiny()
                .setNeuronsPerCore(4)
                .setInputAxonsPerCore(64)
                .setOutputAxonsPerCore(64)
                .setMaxFanIn(64)
                .setMaxFanOut(64)
                .setSynapseMemoryBitsPerCore(4096)
                .setSynapseStorage(storage)
                .setBitsPerSynapseOverhead(overhead)
                .setConvWeightSharing(sharing)
                .build();
    }

    static List<CoreUse> cores(ChipProfile p) {
        Partition part = Compiler.partition(net(), p, CompileOptions.defaults());
        assertTrue(part.violations().isEmpty(), part.violations().toString());
        return part.cores();
    }

    @Test
    void denseStorageWithoutSharingChargesEveryNeuronsTaps() {
        List<CoreUse> c = cores(profile(false, SynapseStorage.DENSE_WEIGHTS, 0));
        assertEquals(2, c.size());
        for (CoreUse u : c) {
            assertEquals(4 * 9 * 8, u.synapseBits());
            assertEquals(16, u.inputAxons());
        }
    }

    @Test
    void sharingChargesOneKernelPerChannelOnTheCore() {
        List<CoreUse> c = cores(profile(true, SynapseStorage.DENSE_WEIGHTS, 0));
        assertEquals(2, c.size());
        for (CoreUse u : c) assertEquals(9 * 8, u.synapseBits());
    }

    @Test
    void sparseStorageCountsTheIndexBitsToo() {
        assertEquals(
                4 * 9 * (8 + 8),
                cores(profile(false, SynapseStorage.SPARSE_WEIGHTS, 8)).get(0).synapseBits());
        assertEquals(
                9 * (8 + 8),
                cores(profile(true, SynapseStorage.SPARSE_WEIGHTS, 8)).get(0).synapseBits());
    }

    @Test
    void aCoreHoldingBothChannelsStoresBothKernels() {
        ChipProfile p =
                profile(true, SynapseStorage.DENSE_WEIGHTS, 0).toBuilder()
                        .setNeuronsPerCore(8)
                        .build();
        List<CoreUse> c = cores(p);
        assertEquals(1, c.size());
        assertEquals(2 * 9 * 8, c.get(0).synapseBits());
        ChipProfile noShare = p.toBuilder().setConvWeightSharing(false).build();
        assertEquals(8 * 9 * 8, cores(noShare).get(0).synapseBits());
    }

    @Test
    void shippedProfilesSayWhetherTheyShare() {
        assertTrue(
                dev.spikeforge.compiler.profile.ChipProfiles.load("loihi2").getConvWeightSharing());
        assertTrue(
                dev.spikeforge.compiler.profile.ChipProfiles.load("speck").getConvWeightSharing());
        assertFalse(
                dev.spikeforge.compiler.profile.ChipProfiles.load("loihi1").getConvWeightSharing());
        assertFalse(
                dev.spikeforge.compiler.profile.ChipProfiles.load("truenorth")
                        .getConvWeightSharing());
    }
}
