package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.runtime.sim.cost.ChipGeometry;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.synapse.SynapseList;
import java.util.Arrays;

/**
 * Where the spikes of one connection's sources go: for every source, one entry per core its
 * synapses reach, with the synapses there, plus the hops its messages travel in all. A spike costs
 * one message per entry and the entry's synaptic ops (of the connection's {@link #kind}) on its
 * core, so the per-step accounting visits entries, not synapses.
 *
 * <p>An entry is packed into one int, core in the high 16 bits and synapses − 1 in the low 16, when
 * the network has fewer than 65,536 cores (the host's column too must fit); otherwise core and
 * synapses take an int each.
 */
final class Destinations {
    static final int MAX_PACKED_CORES = 1 << 16;

    /** Entries of source i: [start[i], start[i + 1]). */
    final int[] start;

    /** Packed entries (core << 16 | synapses - 1), or null in the wide form. */
    final int[] packed;

    /** Wide form: core and synapses of each entry (null when packed). */
    final int[] core, ops;

    /**
     * The synaptic-op cost every entry's synapses pay (the connection's storage kind), as an
     * EventKind ordinal.
     */
    final int kind;

    /**
     * Whether the messages carry payloads (graded spikes), each costing a graded message on top.
     */
    final boolean graded;

    /**
     * Whether the targets are the host's own layer: no message travels, the synaptic ops are host
     * MACs.
     */
    final boolean toHost;

    /**
     * Per source, its entries' x hops, y hops and chip crossings summed: what one spike's messages
     * travel.
     */
    final int[] hopsX, hopsY, chipHops;

    private Destinations(
            int[] start,
            int[] packed,
            int[] core,
            int[] ops,
            int kind,
            boolean graded,
            int[] hopsX,
            int[] hopsY,
            int[] chipHops) {
        this.graded = graded;
        this.toHost = kind == EventKind.HOST_MAC.ordinal();
        this.start = start;
        this.packed = packed;
        this.core = core;
        this.ops = ops;
        this.kind = kind;
        this.hopsX = hopsX;
        this.hopsY = hopsY;
        this.chipHops = chipHops;
    }

    /**
     * @param coreOfSource core of each source, null for the host input ({@code cores}: a neuron the
     *     host computes)
     * @param coreOfTarget core of each target neuron ({@code cores}: the host's)
     * @param kind the synaptic op's cost: the layer's storage kind, or HOST_MAC for a layer the
     *     host computes
     * @param cores cores of the network
     */
    static Destinations of(
            SynapseList synapses,
            int[] coreOfSource,
            int[] coreOfTarget,
            EventKind kind,
            boolean graded,
            int cores,
            ChipGeometry geometry) {
        int sources = synapses.sources();
        // Pass 1 counts the distinct (source, core) pairs, pass 2 fills them; a stamp per core
        // merges a source's
        // synapses on one core, in whatever order its synapses are listed.
        int[] start = new int[sources + 1];
        int[] stamp = new int[cores + 1];
        Arrays.fill(stamp, -1);
        synapses.forEach(
                (s, t, w) -> {
                    int c = coreOfTarget[t];
                    if (stamp[c] != s) {
                        stamp[c] = s;
                        start[s + 1]++;
                    }
                });
        for (int i = 0; i < sources; i++) start[i + 1] += start[i];
        int n = start[sources];
        int[] entryCore = new int[n], entryOps = new int[n];
        int[] fill = Arrays.copyOf(start, sources);
        int[] slot = new int[cores + 1];
        Arrays.fill(stamp, -1);
        synapses.forEach(
                (s, t, w) -> {
                    int c = coreOfTarget[t];
                    if (stamp[c] != s) {
                        stamp[c] = s;
                        int e = fill[s]++;
                        slot[c] = e;
                        entryCore[e] = c;
                    }
                    entryOps[slot[c]]++;
                });
        int[] hx = new int[sources], hy = new int[sources], hc = new int[sources];
        for (int i = 0; i < sources; i++) {
            long x = 0, y = 0, ch = 0;
            int from = coreOfSource == null || coreOfSource[i] == cores ? -1 : coreOfSource[i];
            for (int e = start[i]; e < start[i + 1] && entryCore[e] < cores; e++) {
                int h = geometry.hops(from, entryCore[e]);
                x += ChipGeometry.hopsX(h);
                y += ChipGeometry.hopsY(h);
                ch += ChipGeometry.chipHops(h);
            }
            hx[i] = (int) Math.min(Integer.MAX_VALUE, x);
            hy[i] = (int) Math.min(Integer.MAX_VALUE, y);
            hc[i] = (int) Math.min(Integer.MAX_VALUE, ch);
        }
        boolean packable = cores < MAX_PACKED_CORES;
        for (int e = 0; e < n && packable; e++) packable = entryOps[e] <= MAX_PACKED_CORES;
        if (!packable)
            return new Destinations(
                    start, null, entryCore, entryOps, kind.ordinal(), graded, hx, hy, hc);
        int[] packed = new int[n];
        for (int e = 0; e < n; e++) packed[e] = entryCore[e] << 16 | (entryOps[e] - 1);
        return new Destinations(start, packed, null, null, kind.ordinal(), graded, hx, hy, hc);
    }

    /**
     * Reads the first of source's entries and returns it (meaningless), so that, as with the
     * synapse rows (SynapsePartition.loadAhead), the next spike's entries are on their way while
     * this one's are counted.
     */
    int loadAhead(int source) {
        int e = start[source];
        return e < start[source + 1] ? (packed != null ? packed[e] : core[e]) : 0;
    }

    @SuppressWarnings("unused")
    private int loadAheadSink;

    /** Keeps the loaded-ahead values alive for the JIT; the store (almost) never happens. */
    void keep(int loaded) {
        if (loaded == Integer.MIN_VALUE) loadAheadSink = loaded;
    }

    /** Core of entry e. */
    int coreOf(int e) {
        return packed != null ? packed[e] >>> 16 : core[e];
    }

    /** Entries (messages per spike) of all sources. */
    int entries() {
        return start[start.length - 1];
    }

    long bytes() {
        return 16L * start.length + (packed != null ? 4L : 8L) * entries();
    }
}
