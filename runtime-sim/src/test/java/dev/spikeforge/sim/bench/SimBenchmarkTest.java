package dev.spikeforge.sim.bench;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.sim.network.SimModel;
import dev.spikeforge.sim.synapse.KernelChoice;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The benchmark at a tiny size: right network, right event count, right memory figure (no timing asserted). */
class SimBenchmarkTest {

    @Test
    void syntheticLayerHasTheAskedShape() {
        CompiledNetwork net = SyntheticLayer.build(300, 2000, 50, 9);
        var s = net.getLayers(0).getSparseWeights();
        assertEquals(301, s.getSourceStartCount());
        assertEquals(300 * 50, s.getTargetCount());
        for (int i = 0; i < 300; i++) {
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (int k = s.getSourceStart(i); k < s.getSourceStart(i + 1); k++) distinct.add(s.getTarget(k));
            assertEquals(50, distinct.size(), "source " + i + " has 50 distinct targets");
        }
        assertEquals(2, net.getCoresCount());
    }

    @Test
    void countsEveryEventAndReportsThreeBytesPerSynapsePlusOffsets() {
        for (int threads : new int[]{1, 2}) {
            var r = SimBenchmark.run(new SimBenchmark.Config(500, 3000, 100, 0.05, 20, threads, KernelChoice.AUTO, 3, 5));
            // every input spike visits exactly its 100 synapses
            assertEquals(r.inputSpikes() * 100, r.events());
            assertEquals(500 * 100, r.synapses());
            // 2-byte target + 1-byte weight per synapse, one int offset per source and partition (plus one)
            int partitions = threads;
            assertEquals(3L * 500 * 100 + 4L * 501 * partitions, r.synapseBytes(), "threads " + threads);
            assertTrue(r.events() > 0 && r.seconds() > 0);
        }
    }

    @Test
    void aHundredThousandNeuronLayerNeedsTwoPartitionsOf16BitIndices() {
        SimModel m = SimModel.of(SyntheticLayer.build(1000, 100_000, 10, 1));
        assertEquals(1000 * 10, m.synapses());
        assertEquals(3L * 10_000 + 4L * 1001 * 2, m.synapseBytes());
    }
}
