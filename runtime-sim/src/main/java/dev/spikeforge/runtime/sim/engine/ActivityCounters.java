package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.runtime.sim.cost.EventKind;
import java.util.Arrays;

/**
 * Event counts per core, by {@link EventKind}: what the cost model multiplies by its figures.
 * Synaptic ops and messages received are charged to the core of the target neuron; spikes, messages
 * sent and their hops to the core of the sender; every mapped neuron is accessed once per step.
 *
 * <p>The host has a column of its own, after the cores ({@link #HOST}): the messages of input
 * spikes it sends to the chip and their hops, and the work of a first layer it computes (its
 * synaptic ops and neuron updates as {@link EventKind#HOST_MAC}s, its spikes' messages to the
 * chip).
 *
 * <p>A simulator keeps two: one for the step it is executing and one for everything since the last
 * {@link #clear()}. Serializable: the counters of a part of a dataset run elsewhere come back to be
 * added up.
 */
public final class ActivityCounters implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** count[kind][column]: columns 0 .. cores-1 are the cores, column cores the host. */
    final long[][] count;

    /** Spikes per layer (a finer split than per core when a network has no core map). */
    final long[] layerSpikes;

    long inputSpikes;
    long steps;

    ActivityCounters(int cores, int layers) {
        count = new long[EventKind.COUNT][cores + 1];
        layerSpikes = new long[layers];
    }

    /** The host's column: the index one past the cores. */
    public int host() {
        return count[0].length - 1;
    }

    /**
     * Empty counters for {@code cores} cores and {@code layers} layers, e.g. to sum the counters of
     * several simulators into.
     */
    public static ActivityCounters empty(int cores, int layers) {
        return new ActivityCounters(cores, layers);
    }

    public void clear() {
        for (long[] a : count) Arrays.fill(a, 0);
        Arrays.fill(layerSpikes, 0);
        inputSpikes = 0;
        steps = 0;
    }

    /** Cores of the chip (the host's column not counted). */
    public int cores() {
        return count[0].length - 1;
    }

    /** Layers counted by {@link #layerSpikes(int)} (0 for counters built by hand). */
    public int layers() {
        return layerSpikes.length;
    }

    /** Events of one kind on one core ({@link #host()}: the host's). */
    public long count(EventKind kind, int core) {
        return count[kind.ordinal()][core];
    }

    /** Events of one kind on all cores and the host. */
    public long total(EventKind kind) {
        return sum(count[kind.ordinal()]);
    }

    /**
     * Synaptic ops of every storage kind on one core (spikes received × the synapses they meet
     * there).
     */
    public long synapticOps(int core) {
        return count[EventKind.SYNAPTIC_OP_DENSE.ordinal()][core]
                + count[EventKind.SYNAPTIC_OP_SPARSE.ordinal()][core]
                + count[EventKind.SYNAPTIC_OP_CONV.ordinal()][core];
    }

    public long spikes(int core) {
        return count[EventKind.SPIKE.ordinal()][core];
    }

    /**
     * Active neuron updates (a neuron with input, bias or state); idle neurons are only accessed.
     */
    public long neuronUpdates(int core) {
        return count[EventKind.NEURON_UPDATE.ordinal()][core];
    }

    /**
     * Tile hops (x and y) travelled by the messages this core sent; chip crossings are {@link
     * #chipHops(int)}.
     */
    public long hops(int core) {
        return count[EventKind.HOP_X.ordinal()][core] + count[EventKind.HOP_Y.ordinal()][core];
    }

    public long chipHops(int core) {
        return count[EventKind.CHIP_HOP.ordinal()][core];
    }

    /** Spikes emitted by layer l's neurons. */
    public long layerSpikes(int l) {
        return layerSpikes[l];
    }

    public long totalSynapticOps() {
        long s = 0;
        for (int c = 0; c < cores(); c++) s += synapticOps(c);
        return s;
    }

    /**
     * Spikes emitted by the chip's neurons (host input spikes are counted in {@link
     * #inputSpikes()}).
     */
    public long totalSpikes() {
        return total(EventKind.SPIKE);
    }

    public long totalNeuronUpdates() {
        return total(EventKind.NEURON_UPDATE);
    }

    /** Tile hops of every message, the host's included. */
    public long totalHops() {
        return total(EventKind.HOP_X) + total(EventKind.HOP_Y);
    }

    /** Chip crossings of every message, the host's included. */
    public long totalChipHops() {
        return total(EventKind.CHIP_HOP);
    }

    public long inputSpikes() {
        return inputSpikes;
    }

    /** Tile hops (x + y) of the host's messages to the chip. */
    public long inputHops() {
        return hops(host());
    }

    /**
     * Messages the host sent to the chip (one per input spike, or host-layer spike, and destination
     * core).
     */
    public long inputMessages() {
        return count(EventKind.MESSAGE_OUT, host());
    }

    public long steps() {
        return steps;
    }

    /**
     * Cores that did any work beyond accessing their neurons (synaptic op, spike or neuron update).
     */
    public int activeCores() {
        int n = 0;
        for (int c = 0; c < cores(); c++)
            if (synapticOps(c) + spikes(c) + neuronUpdates(c) > 0) n++;
        return n;
    }

    /** Adds another counter set (same core count) into this one. */
    public void add(ActivityCounters o) {
        if (o.cores() != cores())
            throw new IllegalArgumentException(
                    "counters of " + o.cores() + " cores added to counters of " + cores());
        if (o.layers() != layers() && o.layers() > 0 && layers() > 0) {
            throw new IllegalArgumentException(
                    "counters of " + o.layers() + " layers added to counters of " + layers());
        }
        for (int k = 0; k < count.length; k++) {
            long[] a = count[k], b = o.count[k];
            for (int c = 0; c < a.length; c++) a[c] += b[c];
        }
        if (o.layers() == layers())
            for (int l = 0; l < layers(); l++) layerSpikes[l] += o.layerSpikes[l];
        inputSpikes += o.inputSpikes;
        steps += o.steps;
    }

    /** A detached snapshot. */
    public ActivityCounters copy() {
        ActivityCounters c = new ActivityCounters(cores(), layers());
        c.add(this);
        return c;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) s += x;
        return s;
    }
}
