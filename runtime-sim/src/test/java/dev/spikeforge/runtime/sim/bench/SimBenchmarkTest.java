package dev.spikeforge.runtime.sim.bench;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at a tiny size: right network, right event count, right memory figure (no timing
 * asserted).
 */
class SimBenchmarkTest {

    @Test
    void syntheticLayerHasTheAskedShape() {
        CompiledNetwork net = SyntheticLayer.build(300, 2000, 50, 9);
        var s = net.getLayers(0).getSparseWeights();
        assertEquals(301, s.getSourceStartCount());
        assertEquals(300 * 50, s.getTargetCount());
        for (int i = 0; i < 300; i++) {
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (int k = s.getSourceStart(i); k < s.getSourceStart(i + 1); k++)
                distinct.add(s.getTarget(k));
            assertEquals(50, distinct.size(), "source " + i + " has 50 distinct targets");
        }
        assertEquals(2, net.getCoresCount());
    }

    /**
     * Entries (synapses + fillers) per partition of a sparse layer's rows with gaps of {@code bits}
     * bits.
     */
    private static long[] entries(CompiledNetwork net, int[] bounds, int bits) {
        var s = net.getLayers(0).getSparseWeights();
        long[] e = new long[bounds.length - 1];
        for (int i = 0; i + 1 < s.getSourceStartCount(); i++) {
            int prev = -1, part = -1;
            for (int k = s.getSourceStart(i); k < s.getSourceStart(i + 1); k++) {
                int t = s.getTarget(k), p = 0;
                while (t >= bounds[p + 1]) p++;
                if (p != part) {
                    part = p;
                    prev = bounds[p];
                }
                int gap = t - prev;
                while (gap >= 1 << bits) {
                    gap -= (1 << bits) - 1;
                    e[p]++;
                }
                e[p]++;
                prev = t;
            }
        }
        return e;
    }

    @Test
    void countsEveryEventAndReportsTwoBytesPerSynapsePlusOffsets() {
        for (int threads : new int[] {1, 2}) {
            var r =
                    SimBenchmark.run(
                            new SimBenchmark.Config(
                                    500, 3000, 100, 0.05, 20, threads, KernelChoice.AUTO, 3, 5));
            // every input spike visits exactly its 100 synapses
            assertEquals(r.inputSpikes() * 100, r.events());
            assertEquals(500 * 100, r.synapses());
            // 100 of 3,000 targets: gaps average 30, so 8-bit gaps + 8-bit weight (a rare filler
            // per gap over 255),
            // one int row end per source and partition (plus one). Partitions split the 47 chunks
            // of 64 neurons.
            int[] bounds = threads == 1 ? new int[] {0, 3000} : new int[] {0, 23 * 64, 3000};
            long entries =
                    java.util.Arrays.stream(
                                    entries(SyntheticLayer.build(500, 3000, 100, 3), bounds, 8))
                            .sum();
            assertEquals(2L * entries + 4L * 501 * threads, r.synapseBytes(), "threads " + threads);
            assertTrue(r.events() > 0 && r.seconds() > 0);
        }
    }

    @Test
    void aHundredThousandNeuronLayerNeedsTwoPartitionsAndStaysUnderThreeBytesPerSynapse() {
        // The 10 M-synapse benchmark's density (fan-out 100 of 100,000) on 2,000 sources: gaps
        // average 1,000, so
        // 12-bit gaps (2.5 bytes + a filler per gap over 4,095) in each of the two 16-bit-sized
        // partitions.
        CompiledNetwork net = SyntheticLayer.build(2000, 100_000, 100, 1);
        SimModel m = SimModel.of(net);
        assertEquals(2000 * 100, m.synapses());
        assertEquals(java.util.List.of("sparse_delta12"), m.synapseLayouts(0));
        long bytes = 4L * 2001 * 2;
        for (long e : entries(net, new int[] {0, 781 * 64, 100_000}, 12))
            bytes += 2 * e + (e + 1) / 2;
        assertEquals(bytes, m.synapseBytes());
        assertTrue(m.synapseBytes() < 3 * m.synapses(), m.synapseBytes() + " bytes");
        // at fan-out 10 gaps average 10,000 (2 fillers each): the 16-bit index is smaller
        SimModel sparse10 = SimModel.of(SyntheticLayer.build(1000, 100_000, 10, 1));
        assertEquals(java.util.List.of("sparse_indexed"), sparse10.synapseLayouts(0));
        assertEquals(3L * 10_000 + 4L * 1001 * 2, sparse10.synapseBytes());
    }
}
