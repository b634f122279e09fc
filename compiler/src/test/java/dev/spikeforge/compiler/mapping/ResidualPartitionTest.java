package dev.spikeforge.compiler.mapping;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.layers.PoolingChoice;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cores, axons and synapses of layers that read several sources (residual sums), and the sources'
 * timing.
 */
class ResidualPartitionTest {

    /** input 4 -> l0 (6) -> l1 (6); l2 (4) reads l1 + l0 summed; readout (2) reads l2. */
    static TrainedNetwork denseResidual() {
        TrainedLayer l2 =
                Fixtures.randomDense("l2", 4, 6, 3).toBuilder().addSources(1).addSources(0).build();
        return Fixtures.network(
                4,
                10,
                Fixtures.randomDense("l0", 6, 4, 1),
                Fixtures.randomDense("l1", 6, 6, 2),
                l2,
                Fixtures.readout("out", 2, 4, Fixtures.random(8, 4)));
    }

    /**
     * The tiny chip (4 neurons per core, 8-bit dense weights) with room for 16 axons and 1024 bits
     * per core, 2 chips.
     */
    static ChipProfile roomy() {
        return Fixtures.tiny()
                .setInputAxonsPerCore(16)
                .setMaxFanIn(16)
                .setOutputAxonsPerCore(16)
                .setMaxFanOut(16)
                .setSynapseMemoryBitsPerCore(1024)
                .setChips(2)
                .build();
    }

    @Test
    void aSummedLayerTakesEachSourcesSpanOnAxonsOfItsOwnAndItsSourcesSendToIt() {
        Partition p = Compiler.partition(denseResidual(), roomy(), CompileOptions.defaults());
        assertEquals(List.of(), p.violations());
        // l0 and l1: 6 neurons on 4-neuron cores, 3 + 3; l2 and the readout: one core each.
        assertEquals(List.of(0, 0, 1, 1, 2, 3), p.cores().stream().map(CoreUse::layer).toList());
        // l0: 4 input axons, 3 x 4 x 8 synapse bits; each neuron sends to l1's 2 cores and l2's
        // core: 3 axons, 3 destinations.
        for (CoreUse c : p.cores().subList(0, 2)) assertCore(new long[] {4, 96, 9, 3}, c);
        // l1: 6 axons (l0), 3 x 6 x 8 bits; each neuron sends to l2's core only.
        for (CoreUse c : p.cores().subList(2, 4)) assertCore(new long[] {6, 144, 3, 1}, c);
        // l2: l1's 6 and l0's 6 on axons of their own (12); each axon its own synapses: 4 x 12 x 8
        // bits; to the readout.
        assertCore(new long[] {12, 384, 4, 1}, p.cores().get(4));
        // The readout: 4 axons, 2 x 4 x 8 bits, sends nowhere (the host reads it).
        assertCore(new long[] {4, 64, 0, 0}, p.cores().get(5));
    }

    private static void assertCore(long[] axonsBitsOutputsDestinations, CoreUse c) {
        assertArrayEquals(
                axonsBitsOutputsDestinations,
                new long[] {c.inputAxons(), c.synapseBits(), c.outputAxons(), c.destinations()},
                "core of layer " + c.layer() + " " + c.range());
    }

    @Test
    void theCompiledSumIsRoutedFromEveryCoreOfBothSources() {
        CompiledNetwork c = Compiler.compile(denseResidual(), roomy());
        assertEquals(List.of(1, 0), c.getLayers(2).getSourcesList());
        Core l2 =
                c.getCoresList().stream().filter(k -> k.getLayer() == 2).findFirst().orElseThrow();
        assertEquals(12, l2.getInputAxons());
        assertEquals(4L * 12 * 8, l2.getSynapseBits());
        // Routes into l2's core: both cores of l1 and both of l0.
        List<Integer> into =
                c.getRoutesList().stream()
                        .filter(r -> r.getDstCore() == l2.getId())
                        .map(r -> r.getSrcCore())
                        .sorted()
                        .toList();
        assertEquals(List.of(0, 1, 2, 3), into);
    }

    /**
     * input 1x6x6; stem: conv 1 channel with 2x2 pooling (1x3x3); a: conv 4 channels on it (36); d
     * reads a + the input (36 each).
     */
    static TrainedNetwork inputSkippingAPooling() {
        TrainedLayer stem =
                Fixtures.conv(
                        "stem",
                        1,
                        6,
                        6,
                        1,
                        3,
                        1,
                        2,
                        Fixtures.sixtyFourths(9, 40, 1),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        TrainedLayer a =
                Fixtures.conv(
                        "a",
                        1,
                        3,
                        3,
                        4,
                        3,
                        1,
                        1,
                        Fixtures.sixtyFourths(36, 40, 2),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        TrainedLayer d =
                Fixtures.randomDense("d", 4, 36, 3).toBuilder()
                        .addSources(1)
                        .addSources(-1)
                        .build();
        TrainedNetwork n =
                Fixtures.network(
                        36, 10, stem, a, d, Fixtures.readout("out", 2, 4, Fixtures.random(8, 4)));
        return n.toBuilder()
                .setInput(n.getInput().toBuilder().clearShape().addShape(1).addShape(6).addShape(6))
                .build();
    }

    @Test
    void aPoolingLayerOnOnlyOnePathOfASumIsRefusedByName() {
        ChipProfile loihi2 = ChipProfiles.load("loihi2");
        TrainedNetwork net = inputSkippingAPooling();
        // Folded, both sources reach d one step after the trained network's: no pooling layer, no
        // delay.
        assertEquals(
                List.of(),
                Compiler.check(
                        net, loihi2, CompileOptions.defaults().withPooling(PoolingChoice.FOLD)));
        assertEquals(List.of(), Compiler.check(net, loihi2, CompileOptions.defaults()));
        // A pooling layer after the stem delays a by one step, but not the input: d would sum them
        // a step apart.
        List<ConstraintViolation> v =
                Compiler.check(
                        net, loihi2, CompileOptions.defaults().withPooling(PoolingChoice.LAYER));
        assertEquals(1, v.size(), v.toString());
        assertEquals("d", v.get(0).layer());
        assertEquals(ConstraintViolation.SOURCE_DELAY, v.get(0).constraint());
        assertTrue(v.get(0).hint().contains("--pooling fold"), v.get(0).hint());
    }

    /**
     * input 1x12x12; stem: conv 1 channel 3x3 pad 1 with 2x2 pooling (1x6x6); e: conv 1 channel 3x3
     * pad 1 stride 2 on the input (1x6x6, no pooling); a: conv on the stem's pooled map; d: conv on
     * a + e; a readout.
     */
    static TrainedNetwork pooledBesideStrided() {
        TrainedLayer stem =
                Fixtures.conv(
                        "stem",
                        1,
                        12,
                        12,
                        1,
                        3,
                        1,
                        2,
                        Fixtures.sixtyFourths(9, 40, 1),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        TrainedLayer e =
                Fixtures.conv(
                        "e",
                        1,
                        12,
                        12,
                        1,
                        3,
                        1,
                        1,
                        Fixtures.sixtyFourths(9, 40, 2),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        e =
                e.toBuilder()
                        .setConv(
                                e.getConv().toBuilder().setStride(2).setOutHeight(6).setOutWidth(6))
                        .setSize(36)
                        .addSources(-1)
                        .build();
        TrainedLayer a =
                Fixtures.conv(
                                "a",
                                1,
                                6,
                                6,
                                1,
                                3,
                                1,
                                1,
                                Fixtures.sixtyFourths(9, 40, 3),
                                null,
                                1f,
                                ResetMode.RESET_TO_ZERO)
                        .toBuilder()
                        .addSources(0)
                        .build();
        TrainedLayer d =
                Fixtures.conv(
                                "d",
                                1,
                                6,
                                6,
                                1,
                                3,
                                1,
                                1,
                                Fixtures.sixtyFourths(9, 40, 4),
                                null,
                                1f,
                                ResetMode.RESET_TO_ZERO)
                        .toBuilder()
                        .addSources(2)
                        .addSources(1)
                        .build();
        TrainedNetwork n =
                Fixtures.network(
                        144,
                        10,
                        stem,
                        e,
                        a,
                        d,
                        Fixtures.readout("out", 2, 36, Fixtures.random(72, 5)));
        return n.toBuilder()
                .setInput(
                        n.getInput().toBuilder().clearShape().addShape(1).addShape(12).addShape(12))
                .build();
    }

    @Test
    void autoDoesNotTradeFewerCoresForASumOfSourcesAStepApart() {
        // With 70 axons per core, folded, each of a's outputs spans 66 pre-pool neurons (6 rows of
        // the 12-wide map): 17 cores;
        // through a pooling layer a reads 3x3 pooled values and the net needs 13, but d would then
        // sum a and e a
        // step apart (e reads the input, through no pooling layer).
        ChipProfile fewAxons =
                ChipProfiles.load("loihi2").toBuilder().setInputAxonsPerCore(70).build();
        TrainedNetwork net = pooledBesideStrided();
        Partition folded =
                Compiler.partition(
                        net, fewAxons, CompileOptions.defaults().withPooling(PoolingChoice.FOLD));
        Partition layered =
                Compiler.partition(
                        net, fewAxons, CompileOptions.defaults().withPooling(PoolingChoice.LAYER));
        assertEquals(List.of(), folded.violations());
        assertEquals(List.of(), layered.violations());
        assertTrue(
                layered.cores().size() < folded.cores().size(),
                layered.cores().size()
                        + " cores with a pooling layer, "
                        + folded.cores().size()
                        + " folded");
        assertEquals(
                0, Compiler.chipLayers(net, fewAxons, CompileOptions.defaults()).poolingLayers());
        assertEquals(List.of(), Compiler.check(net, fewAxons, CompileOptions.defaults()));
        assertEquals(
                List.of("d"),
                Compiler.check(
                                net,
                                fewAxons,
                                CompileOptions.defaults().withPooling(PoolingChoice.LAYER))
                        .stream()
                        .filter(x -> x.constraint().equals(ConstraintViolation.SOURCE_DELAY))
                        .map(ConstraintViolation::layer)
                        .toList());
    }
}
