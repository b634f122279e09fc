package dev.spikeforge.sim.synapse;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.sim.network.SimModel;
import dev.spikeforge.sim.network.SimOptions;
import dev.spikeforge.sim.testing.Nets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class KernelChoiceTest {

    @Test
    void autoUsesDenseRowsOnlyWhereMostSynapsesExist() {
        CompiledNetwork dense = Nets.random(2, new int[]{100, 100, 10}, 0.9, 40, false, 0, 0, NeuronModel.CUBA_LIF, 64);
        CompiledNetwork sparse = Nets.random(3, new int[]{100, 100, 10}, 0.1, 40, false, 0, 0, NeuronModel.CUBA_LIF, 64);
        assertTrue(SimModel.of(dense).denseKernel(0), "90 % of synapses present: dense rows");
        assertFalse(SimModel.of(sparse).denseKernel(0), "10 %: event kernel");
        assertTrue(SimModel.of(sparse, SimOptions.DEFAULT.withKernel(KernelChoice.DENSE)).denseKernel(0));
        assertFalse(SimModel.of(dense, SimOptions.DEFAULT.withKernel(KernelChoice.SPARSE)).denseKernel(0));
    }

    @Test
    void memoryIsThreeBytesPerSparseSynapseAndOneBytePerDenseCell() {
        CompiledNetwork net = Nets.random(3, new int[]{100, 100}, 0.1, 40, false, 0, 0, NeuronModel.CUBA_LIF, 64);
        SimModel sparse = SimModel.of(net, SimOptions.DEFAULT.withKernel(KernelChoice.SPARSE));
        SimModel dense = SimModel.of(net, SimOptions.DEFAULT.withKernel(KernelChoice.DENSE));
        assertEquals(sparse.synapses(), dense.synapses());
        assertEquals(3 * sparse.synapses() + 4 * 101, sparse.synapseBytes());
        assertEquals(100 * 100 + 4 * 100, dense.synapseBytes());
    }
}
