package dev.spikeforge.sim.network;

import dev.spikeforge.sim.cost.ChipGeometry;
import dev.spikeforge.sim.cost.EventKind;
import dev.spikeforge.sim.synapse.SynapseList;

import java.util.Arrays;
import java.util.List;

/**
 * Where the spikes of one source group (the host input or one layer) go: for every source, one entry per core its
 * synapses reach, with the synapses there, their storage kind and the hops from the source's core. A spike costs
 * one message per entry and the entry's synaptic ops on its core, so the per-step accounting visits entries, not
 * synapses.
 */
final class Destinations {
    /** Entries of source i: [start[i], start[i + 1]). */
    final int[] start;
    final int[] core;
    final int[] ops;
    final byte[] kind;
    /** Packed hops from the source's core (or the host) to the entry's core, see {@link ChipGeometry#hops}. */
    final int[] hops;

    private Destinations(int[] start, int[] core, int[] ops, byte[] kind, int[] hops) {
        this.start = start;
        this.core = core;
        this.ops = ops;
        this.kind = kind;
        this.hops = hops;
    }

    /** One connection's synapses with the core of each target neuron and the kind of op they cost. */
    record Outgoing(SynapseList synapses, int[] coreOfTarget, EventKind kind) {}

    /**
     * @param sources     sources in the group
     * @param coreOfSource core of each source, null for the host input
     * @param cores       cores of the network
     */
    static Destinations of(int sources, int[] coreOfSource, List<Outgoing> outgoing, int cores, ChipGeometry geometry) {
        // Pass 1 counts the distinct (source, core) pairs, pass 2 fills them; a stamp per core merges a source's
        // synapses on one core, in whatever order its synapses are listed.
        int[] perSource = new int[sources + 1];
        long[] stamp = new long[cores];
        Arrays.fill(stamp, -1);
        int c0 = 0;
        for (Outgoing o : outgoing) {
            int conn = c0++;
            o.synapses().forEach((s, t, w) -> {
                int c = o.coreOfTarget()[t];
                long key = (long) conn << 32 | s;
                if (stamp[c] != key) {
                    stamp[c] = key;
                    perSource[s + 1]++;
                }
            });
        }
        // Entries of a source over all connections, connection by connection (distinct connections reach distinct
        // layers, hence distinct cores).
        int[] start = new int[sources + 1];
        for (int i = 0; i < sources; i++) start[i + 1] = start[i] + perSource[i + 1];
        int n = start[sources];
        int[] core = new int[n], ops = new int[n], hops = new int[n];
        byte[] kind = new byte[n];
        int[] fill = Arrays.copyOf(start, sources);
        int[] slot = new int[cores];
        Arrays.fill(stamp, -1);
        c0 = 0;
        for (Outgoing o : outgoing) {
            int conn = c0++;
            byte k = (byte) o.kind().ordinal();
            o.synapses().forEach((s, t, w) -> {
                int c = o.coreOfTarget()[t];
                long key = (long) conn << 32 | s;
                if (stamp[c] != key) {
                    stamp[c] = key;
                    int e = fill[s]++;
                    slot[c] = e;
                    core[e] = c;
                    kind[e] = k;
                    hops[e] = geometry.hops(coreOfSource == null ? -1 : coreOfSource[s], c);
                }
                ops[slot[c]]++;
            });
        }
        return new Destinations(start, core, ops, kind, hops);
    }

    /** Entries (messages per spike) of all sources. */
    int entries() {
        return core.length;
    }

    long bytes() {
        return 4L * start.length + 13L * core.length;
    }
}
