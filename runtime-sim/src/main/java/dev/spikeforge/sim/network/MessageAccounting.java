package dev.spikeforge.sim.network;

import dev.spikeforge.sim.cost.EventKind;

/** Counts what one spike costs: a message per destination core, the synaptic ops there, and the messages' hops. */
final class MessageAccounting {
    private static final int IN = EventKind.MESSAGE_IN.ordinal(), OUT = EventKind.MESSAGE_OUT.ordinal();
    private static final int HX = EventKind.HOP_X.ordinal(), HY = EventKind.HOP_Y.ordinal(), HC = EventKind.CHIP_HOP.ordinal();

    private MessageAccounting() {}

    /** The spikes {@code sources[0 .. count)} of a layer, each through every connection that reads the layer. */
    static void spikes(Destinations[] out, int[] sources, int count, int[] coreOf, ActivityCounters step) {
        long[][] c = step.count;
        long[] sent = c[OUT], hx = c[HX], hy = c[HY], hc = c[HC];
        for (Destinations d : out) {
            int loaded = 0;
            for (int k = 0; k < count; k++) {
                int source = sources[k], srcCore = coreOf[source];
                if (k + 1 < count) loaded += d.loadAhead(sources[k + 1]);
                int from = d.start[source], to = d.start[source + 1];
                receive(d, from, to, c);
                sent[srcCore] += to - from;
                hx[srcCore] += d.hopsX[source];
                hy[srcCore] += d.hopsY[source];
                hc[srcCore] += d.chipHops[source];
            }
            d.keep(loaded);
        }
    }

    /** Host input spikes {@code axons[0 .. count)}: their messages and hops counted as host input's, received and processed on chip. */
    static void hostSpikes(Destinations[] out, int[] axons, int count, ActivityCounters step) {
        for (Destinations d : out) {
            int loaded = 0;
            for (int k = 0; k < count; k++) {
                int axon = axons[k];
                if (k + 1 < count) loaded += d.loadAhead(axons[k + 1]);
                int from = d.start[axon], to = d.start[axon + 1];
                receive(d, from, to, step.count);
                step.inputMessages += to - from;
                step.inputHops[0] += d.hopsX[axon];
                step.inputHops[1] += d.hopsY[axon];
                step.inputHops[2] += d.chipHops[axon];
            }
            d.keep(loaded);
        }
    }

    /** Each destination core receives one message and its synaptic ops there. */
    private static void receive(Destinations d, int from, int to, long[][] c) {
        long[] in = c[IN], ops = c[d.kind];
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
}
