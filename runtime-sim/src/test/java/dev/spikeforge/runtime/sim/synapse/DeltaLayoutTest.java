package dev.spikeforge.runtime.sim.synapse;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.SparseWeights;
import org.junit.jupiter.api.Test;

/**
 * The three event-kernel layouts on hand-made rows: same sums, ops and per-core charges; the byte
 * counts worked out by hand (fillers included); and which layout {@link KernelChoice#SPARSE} picks.
 */
class DeltaLayoutTest {
    /**
     * Two sources: s0 → {last, 600, 0} stated out of order (weights 9, -7, 5), s1 → {10, 11, 300}
     * (1, 2, 3).
     */
    private static SynapseList rows(int targets) {
        SparseWeights s =
                SparseWeights.newBuilder()
                        .addSourceStart(0)
                        .addSourceStart(3)
                        .addSourceStart(6)
                        .addTarget(targets - 1)
                        .addTarget(600)
                        .addTarget(0)
                        .addTarget(10)
                        .addTarget(11)
                        .addTarget(300)
                        .addWeight(9)
                        .addWeight(-7)
                        .addWeight(5)
                        .addWeight(1)
                        .addWeight(2)
                        .addWeight(3)
                        .build();
        return SynapseList.sparse(targets, 2, s);
    }

    private static SynapsePartition table(int targets, KernelChoice k) {
        SynapsePartition[] p =
                SynapseTables.build("test", rows(targets), new int[] {0, targets}, k, false);
        assertEquals(1, p.length);
        return p[0];
    }

    private static void assertDelivers(SynapsePartition t, int targets) {
        String what = t.layout() + " over " + targets;
        int[] acc = new int[targets];
        assertEquals(3, t.deliver(0, acc), what + ": ops of s0 (fillers are not synapses)");
        int[] expected = new int[targets];
        expected[0] = 5;
        expected[600] = -7;
        expected[targets - 1] = 9;
        assertArrayEquals(
                expected, acc, what + ": s0's weights land on 0, 600 and the last neuron only");
        assertEquals(3, t.deliver(1, acc), what);
        expected[10] += 1;
        expected[11] += 2;
        expected[300] += 3;
        assertArrayEquals(expected, acc, what + ": s1 adds onto s0's sums");
        assertEquals(3, t.fanOut(0), what);
        assertEquals(6, t.synapses(), what);
    }

    @Test
    void everyLayoutDeliversTheSameAndCountsItsBytes() {
        // 1,000 targets. s0's gaps 0, 600, 399; s1's 10, 1, 289.
        // 8-bit gaps: fillers (600-1)/255 = 2, (399-1)/255 = 1, (289-1)/255 = 1 -> 10 entries of 2
        // bytes.
        // 12-bit gaps: no filler -> 6 entries of 2 bytes + 3 bytes of high nibbles. Row ends: 3
        // ints.
        SynapsePartition indexed = table(1000, KernelChoice.SPARSE_INDEXED);
        SynapsePartition d8 = table(1000, KernelChoice.SPARSE_DELTA8);
        SynapsePartition d12 = table(1000, KernelChoice.SPARSE_DELTA12);
        assertEquals(12 + 3 * 6, indexed.bytes());
        assertEquals(12 + 2 * 10, d8.bytes());
        assertEquals(12 + 2 * 6 + 3, d12.bytes());
        for (SynapsePartition t : new SynapsePartition[] {indexed, d8, d12})
            assertDelivers(t, 1000);
        // smallest: 12-bit gaps (27 bytes) before indexed (30) and 8-bit gaps (32)
        assertEquals("sparse_delta12", table(1000, KernelChoice.SPARSE).layout());
    }

    @Test
    void aFullPartitionOf65536NeedsFifteenFillersWithTwelveBitGaps() {
        // s0's last gap is 65,535 - 600 = 64,935 = 15 × 4,095 + 3,510: 15 fillers, so 21 entries.
        SynapsePartition d12 = table(65536, KernelChoice.SPARSE_DELTA12);
        assertEquals(12 + 2 * 21 + 11, d12.bytes());
        assertDelivers(d12, 65536);
        assertDelivers(table(65536, KernelChoice.SPARSE_INDEXED), 65536);
        // 8-bit gaps would need 256 fillers in one row: refused when forced, never picked by sparse
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> table(65536, KernelChoice.SPARSE_DELTA8));
        assertTrue(
                e.getMessage().contains("sparse_delta8") && e.getMessage().contains("use sparse"),
                e.getMessage());
        SynapsePartition auto = table(65536, KernelChoice.SPARSE);
        assertEquals(
                "sparse_indexed",
                auto.layout(),
                "indexed (30 bytes) is smaller than 12-bit gaps with fillers (65)");
        assertEquals(12 + 3 * 6, auto.bytes());
    }

    @Test
    void denseRowsOfSmallGapsTakeTwoBytesPerSynapse() {
        // 200 sources × every 3rd of 3,000 targets: all gaps are 3 (the first 0): 8-bit gaps, no
        // filler.
        SparseWeights.Builder s = SparseWeights.newBuilder().addSourceStart(0);
        int k = 0;
        for (int i = 0; i < 200; i++) {
            for (int n = 0; n < 3000; n += 3, k++) s.addTarget(n).addWeight(1 + (i + n) % 100);
            s.addSourceStart(k);
        }
        SynapsePartition t =
                SynapseTables.build(
                        "test",
                        SynapseList.sparse(3000, 200, s.build()),
                        new int[] {0, 3000},
                        KernelChoice.SPARSE,
                        false)[0];
        assertEquals("sparse_delta8", t.layout());
        assertEquals(4L * 201 + 2L * 200_000, t.bytes());
        int[] acc = new int[3000];
        assertEquals(1000, t.deliver(7, acc));
        for (int n = 0; n < 3000; n++)
            assertEquals(n % 3 == 0 ? 1 + (7 + n) % 100 : 0, acc[n], "neuron " + n);
    }
}
