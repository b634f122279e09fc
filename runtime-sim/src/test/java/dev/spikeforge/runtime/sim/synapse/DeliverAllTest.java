package dev.spikeforge.runtime.sim.synapse;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.SparseWeights;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Delivering a whole spike list at once (with the next row loaded ahead) gives the same sums and
 * synaptic ops as delivering its spikes one by one, in every layout, for long and short rows,
 * repeated sources and an empty list.
 */
class DeliverAllTest {
    private static SynapseList randomRows(int sources, int targets, Random rnd) {
        SparseWeights.Builder b = SparseWeights.newBuilder().addSourceStart(0);
        int n = 0;
        for (int i = 0; i < sources; i++) {
            // row lengths from 0 to 900: shorter and longer than the lookahead of 256 synapses
            int len = i % 7 == 0 ? 0 : rnd.nextInt(900);
            TreeSet<Integer> t = new TreeSet<>();
            while (t.size() < len) t.add(rnd.nextInt(targets));
            for (int x : t) {
                b.addTarget(x).addWeight(rnd.nextInt(255) - 127);
                n++;
            }
            b.addSourceStart(n);
        }
        return SynapseList.sparse(targets, sources, b.build());
    }

    @Test
    void aWholeListDeliversLikeItsSpikesOneByOne() {
        Random rnd = new Random(7);
        int sources = 60, targets = 3000;
        SynapseList rows = randomRows(sources, targets, rnd);
        int[] list = new int[200];
        for (int k = 0; k < list.length; k++) list[k] = rnd.nextInt(sources);
        list[5] = list[4]; // a source twice in a row
        for (KernelChoice k :
                new KernelChoice[] {
                    KernelChoice.SPARSE_INDEXED,
                    KernelChoice.SPARSE_DELTA8,
                    KernelChoice.SPARSE_DELTA12,
                    KernelChoice.DENSE
                }) {
            SynapsePartition t =
                    SynapseTables.build("test", rows, new int[] {0, targets}, k, false)[0];
            for (int count : new int[] {0, 1, 2, list.length}) {
                int[] one = new int[targets], all = new int[targets];
                long ops = 0;
                for (int i = 0; i < count; i++) ops += t.deliver(list[i], one);
                assertEquals(
                        ops,
                        t.deliverAll(list, count, all),
                        t.layout() + ": ops of " + count + " spikes");
                assertArrayEquals(one, all, t.layout() + ": sums of " + count + " spikes");
                if (count == list.length)
                    assertTrue(ops > 10_000, "the list reaches long rows: " + ops);
            }
        }
    }
}
