package dev.spikeforge.sim.network;

import dev.spikeforge.sim.cost.ChipGeometry;
import dev.spikeforge.sim.cost.EventKind;

/** Counts what one spike costs: a message per destination core, the synaptic ops there, and the messages' hops. */
final class MessageAccounting {
    private static final int IN = EventKind.MESSAGE_IN.ordinal(), OUT = EventKind.MESSAGE_OUT.ordinal();
    private static final int HX = EventKind.HOP_X.ordinal(), HY = EventKind.HOP_Y.ordinal(), HC = EventKind.CHIP_HOP.ordinal();

    private MessageAccounting() {}

    /** A spike of neuron {@code source} (on core {@code srcCore}) of the group {@code d} describes. */
    static void spike(Destinations d, int source, int srcCore, ActivityCounters step) {
        long[][] c = step.count;
        long hx = 0, hy = 0, hc = 0;
        int from = d.start[source], to = d.start[source + 1];
        for (int e = from; e < to; e++) {
            int core = d.core[e];
            c[d.kind[e]][core] += d.ops[e];
            c[IN][core]++;
            int h = d.hops[e];
            hx += ChipGeometry.hopsX(h);
            hy += ChipGeometry.hopsY(h);
            hc += ChipGeometry.chipHops(h);
        }
        c[OUT][srcCore] += to - from;
        c[HX][srcCore] += hx;
        c[HY][srcCore] += hy;
        c[HC][srcCore] += hc;
    }

    /** A spike of host input axon {@code axon}: its messages and hops counted as host input's, received and processed on chip. */
    static void hostSpike(Destinations d, int axon, ActivityCounters step) {
        long[][] c = step.count;
        step.inputMessages += d.start[axon + 1] - d.start[axon];
        for (int e = d.start[axon], to = d.start[axon + 1]; e < to; e++) {
            int core = d.core[e];
            c[d.kind[e]][core] += d.ops[e];
            c[IN][core]++;
            int h = d.hops[e];
            step.inputHops[0] += ChipGeometry.hopsX(h);
            step.inputHops[1] += ChipGeometry.hopsY(h);
            step.inputHops[2] += ChipGeometry.chipHops(h);
        }
    }
}
