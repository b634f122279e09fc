package dev.spikeforge.sim.network;

/**
 * Event counts per core since the last {@link #clear()}: what the energy model multiplies by its figures.
 * Synaptic ops are charged to the core of the target neuron, spikes and their hops to the core of the sender.
 *
 * <p>A simulator keeps some counts where they are cheapest to keep (per worker thread, and per source neuron for
 * the per-core synaptic ops) and folds them in here whenever a count is read, so reading is always exact.
 */
public final class ActivityCounters {
    /** Where pending counts come from; null for a detached copy. */
    interface Source {
        /** Folds pending spike, update and hop counts into {@code c} (cheap). */
        void foldCounts(ActivityCounters c);

        /** Folds pending per-core synaptic ops into {@code c} (walks the synapses of the sources that spiked). */
        void foldSynapticOps(ActivityCounters c);
    }

    final long[] synapticOps;
    final long[] spikes;
    final long[] neuronUpdates;
    final long[] hops;
    /** Spikes per layer (a finer split than per core when a network has no core map). */
    final long[] layerSpikes;
    long synapticTotal;
    long inputSpikes;
    long inputHops;
    long steps;
    private final Source source;

    ActivityCounters(int cores) {
        this(cores, 0, null);
    }

    ActivityCounters(int cores, int layers, Source source) {
        synapticOps = new long[cores];
        spikes = new long[cores];
        neuronUpdates = new long[cores];
        hops = new long[cores];
        layerSpikes = new long[layers];
        this.source = source;
    }

    private void counts() {
        if (source != null) source.foldCounts(this);
    }

    private void all() {
        if (source != null) {
            source.foldCounts(this);
            source.foldSynapticOps(this);
        }
    }

    public void clear() {
        all();
        java.util.Arrays.fill(synapticOps, 0);
        java.util.Arrays.fill(spikes, 0);
        java.util.Arrays.fill(neuronUpdates, 0);
        java.util.Arrays.fill(hops, 0);
        java.util.Arrays.fill(layerSpikes, 0);
        synapticTotal = 0;
        inputSpikes = 0;
        inputHops = 0;
        steps = 0;
    }

    public int cores() {
        return synapticOps.length;
    }

    public long synapticOps(int core) {
        all();
        return synapticOps[core];
    }

    public long spikes(int core) {
        counts();
        return spikes[core];
    }

    public long neuronUpdates(int core) {
        counts();
        return neuronUpdates[core];
    }

    /** Hops travelled by the spikes this core sent. */
    public long hops(int core) {
        counts();
        return hops[core];
    }

    /** Layers counted by {@link #layerSpikes(int)} (0 for counters built by hand). */
    public int layers() {
        return layerSpikes.length;
    }

    /** Spikes emitted by layer l's neurons. */
    public long layerSpikes(int l) {
        counts();
        return layerSpikes[l];
    }

    public long totalSynapticOps() {
        counts();
        return synapticTotal;
    }

    /** Spikes emitted by the chip's neurons (host input spikes are counted in {@link #inputSpikes()}). */
    public long totalSpikes() {
        counts();
        return sum(spikes);
    }

    public long totalNeuronUpdates() {
        counts();
        return sum(neuronUpdates);
    }

    /** Hops of neuron spikes plus hops of input spikes from the host. */
    public long totalHops() {
        counts();
        return sum(hops) + inputHops;
    }

    public long inputSpikes() {
        return inputSpikes;
    }

    public long inputHops() {
        return inputHops;
    }

    public long steps() {
        return steps;
    }

    /** Cores that did any work (synaptic op, spike or neuron update). */
    public int activeCores() {
        all();
        int n = 0;
        for (int c = 0; c < cores(); c++) if (synapticOps[c] + spikes[c] + neuronUpdates[c] > 0) n++;
        return n;
    }

    /** Adds another counter set (same core count) into this one. */
    public void add(ActivityCounters o) {
        if (o.cores() != cores()) throw new IllegalArgumentException("counters of " + o.cores() + " cores added to counters of " + cores());
        if (o.layers() != layers() && o.layers() > 0 && layers() > 0) {
            throw new IllegalArgumentException("counters of " + o.layers() + " layers added to counters of " + layers());
        }
        all();
        o.all();
        for (int c = 0; c < cores(); c++) {
            synapticOps[c] += o.synapticOps[c];
            spikes[c] += o.spikes[c];
            neuronUpdates[c] += o.neuronUpdates[c];
            hops[c] += o.hops[c];
        }
        if (o.layers() == layers()) for (int l = 0; l < layers(); l++) layerSpikes[l] += o.layerSpikes[l];
        synapticTotal += o.synapticTotal;
        inputSpikes += o.inputSpikes;
        inputHops += o.inputHops;
        steps += o.steps;
    }

    /** A detached snapshot. */
    public ActivityCounters copy() {
        ActivityCounters c = new ActivityCounters(cores(), layers(), null);
        c.add(this);
        return c;
    }

    /** Empty counters for {@code cores} cores and {@code layers} layers, e.g. to sum the counters of several simulators into. */
    public static ActivityCounters empty(int cores, int layers) {
        return new ActivityCounters(cores, layers, null);
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) s += x;
        return s;
    }
}
