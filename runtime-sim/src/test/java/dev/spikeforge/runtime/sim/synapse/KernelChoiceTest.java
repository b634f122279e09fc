package dev.spikeforge.runtime.sim.synapse;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.testing.Nets;
import org.junit.jupiter.api.Test;

class KernelChoiceTest {

    @Test
    void autoUsesDenseRowsOnlyWhereMostSynapsesExist() {
        CompiledNetwork dense =
                Nets.random(
                        2,
                        new int[] {100, 100, 10},
                        0.9,
                        40,
                        false,
                        0,
                        0,
                        NeuronModel.CUBA_LIF,
                        64);
        CompiledNetwork sparse =
                Nets.random(
                        3,
                        new int[] {100, 100, 10},
                        0.1,
                        40,
                        false,
                        0,
                        0,
                        NeuronModel.CUBA_LIF,
                        64);
        assertTrue(SimModel.of(dense).denseKernel(0), "90 % of synapses present: dense rows");
        assertFalse(SimModel.of(sparse).denseKernel(0), "10 %: event kernel");
        assertTrue(
                SimModel.of(sparse, SimOptions.DEFAULT.withKernel(KernelChoice.DENSE))
                        .denseKernel(0));
        assertFalse(
                SimModel.of(dense, SimOptions.DEFAULT.withKernel(KernelChoice.SPARSE))
                        .denseKernel(0));
    }

    @Test
    void memoryPerLayoutAndSparsePicksTheSmallest() {
        CompiledNetwork net =
                Nets.random(
                        3, new int[] {100, 100}, 0.1, 40, false, 0, 0, NeuronModel.CUBA_LIF, 64);
        SimModel indexed =
                SimModel.of(net, SimOptions.DEFAULT.withKernel(KernelChoice.SPARSE_INDEXED));
        SimModel d8 = SimModel.of(net, SimOptions.DEFAULT.withKernel(KernelChoice.SPARSE_DELTA8));
        SimModel d12 = SimModel.of(net, SimOptions.DEFAULT.withKernel(KernelChoice.SPARSE_DELTA12));
        SimModel sparse = SimModel.of(net, SimOptions.DEFAULT.withKernel(KernelChoice.SPARSE));
        SimModel dense = SimModel.of(net, SimOptions.DEFAULT.withKernel(KernelChoice.DENSE));
        long s = dense.synapses();
        assertEquals(s, indexed.synapses());
        assertEquals(s, d8.synapses());
        // 100 targets: every gap fits 8 bits, so no fillers. Offsets: one int per source + 1.
        assertEquals(3 * s + 4 * 101, indexed.synapseBytes());
        assertEquals(2 * s + 4 * 101, d8.synapseBytes());
        assertEquals(2 * s + (s + 1) / 2 + 4 * 101, d12.synapseBytes());
        assertEquals(d8.synapseBytes(), sparse.synapseBytes());
        assertEquals(java.util.List.of("sparse_delta8"), sparse.synapseLayouts(0));
        assertEquals(100 * 100 + 4 * 100, dense.synapseBytes());
    }
}
