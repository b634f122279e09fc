package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.runtime.sim.cost.EventKind;

/**
 * Counts what one spike costs: a message per destination core, the synaptic ops there, and the
 * messages' hops.
 */
final class MessageAccounting {
    private static final int IN = EventKind.MESSAGE_IN.ordinal(),
            OUT = EventKind.MESSAGE_OUT.ordinal();
    private static final int GRADED = EventKind.GRADED_MESSAGE.ordinal();
    private static final int HX = EventKind.HOP_X.ordinal(),
            HY = EventKind.HOP_Y.ordinal(),
            HC = EventKind.CHIP_HOP.ordinal();

    private MessageAccounting() {}

    /**
     * The spikes {@code sources[0 .. count)} of a layer, each through every connection that reads
     * the layer. A layer the host computes sends from the host's column.
     */
    static void spikes(
            Destinations[] out, int[] sources, int count, int[] coreOf, ActivityCounters step) {
        for (Destinations d : out) {
            int loaded = 0;
            for (int k = 0; k < count; k++) {
                int source = sources[k];
                if (k + 1 < count) loaded += d.loadAhead(sources[k + 1]);
                send(d, source, coreOf[source], step.count);
            }
            d.keep(loaded);
        }
    }

    /**
     * Host input spikes {@code axons[0 .. count)}, sent from the host's column (or computed there,
     * by a host layer).
     */
    static void hostSpikes(Destinations[] out, int[] axons, int count, ActivityCounters step) {
        int host = step.host();
        for (Destinations d : out) {
            int loaded = 0;
            for (int k = 0; k < count; k++) {
                if (k + 1 < count) loaded += d.loadAhead(axons[k + 1]);
                send(d, axons[k], host, step.count);
            }
            d.keep(loaded);
        }
    }

    /**
     * One spike of {@code source} from column {@code from}: one message per destination core with
     * its hops, the receiving cores' message and synaptic ops; into the host's own layer, only the
     * host's MACs.
     */
    private static void send(Destinations d, int source, int from, long[][] c) {
        int first = d.start[source], last = d.start[source + 1];
        if (!d.toHost) {
            c[OUT][from] += last - first;
            c[HX][from] += d.hopsX[source];
            c[HY][from] += d.hopsY[source];
            c[HC][from] += d.chipHops[source];
        }
        receive(d, first, last, c);
    }

    /**
     * Each destination core receives one message (graded: with its payload) and its synaptic ops
     * there.
     */
    private static void receive(Destinations d, int from, int to, long[][] c) {
        long[] ops = c[d.kind];
        if (d.toHost) {
            for (int e = from; e < to; e++) ops[d.coreOf(e)] += opsOf(d, e);
            return;
        }
        long[] in = c[IN];
        if (d.graded) {
            long[] payloads = c[GRADED];
            for (int e = from; e < to; e++) payloads[d.coreOf(e)]++;
        }
        int[] packed = d.packed;
        if (packed != null) {
            for (int e = from; e < to; e++) {
                int v = packed[e], core = v >>> 16;
                ops[core] += (v & 0xFFFF) + 1;
                in[core]++;
            }
        } else {
            for (int e = from; e < to; e++) {
                int core = d.core[e];
                ops[core] += d.ops[e];
                in[core]++;
            }
        }
    }

    private static long opsOf(Destinations d, int e) {
        return d.packed != null ? (d.packed[e] & 0xFFFF) + 1 : d.ops[e];
    }
}
