package dev.spikeforge.sim.network;

/** Event counts per core since the last {@link #clear()}: what the energy model multiplies by its figures. */
public final class ActivityCounters {
    final long[] synapticOps;
    final long[] spikes;
    final long[] neuronUpdates;
    final long[] hops;
    long inputSpikes;
    long inputHops;
    long steps;

    ActivityCounters(int cores) {
        synapticOps = new long[cores];
        spikes = new long[cores];
        neuronUpdates = new long[cores];
        hops = new long[cores];
    }

    public void clear() {
        java.util.Arrays.fill(synapticOps, 0);
        java.util.Arrays.fill(spikes, 0);
        java.util.Arrays.fill(neuronUpdates, 0);
        java.util.Arrays.fill(hops, 0);
        inputSpikes = 0;
        inputHops = 0;
        steps = 0;
    }

    public int cores() {
        return synapticOps.length;
    }

    public long synapticOps(int core) { return synapticOps[core]; }
    public long spikes(int core) { return spikes[core]; }
    public long neuronUpdates(int core) { return neuronUpdates[core]; }
    /** Hops travelled by the spikes this core sent. */
    public long hops(int core) { return hops[core]; }

    public long totalSynapticOps() { return sum(synapticOps); }
    /** Spikes emitted by the chip's neurons (host input spikes are counted in {@link #inputSpikes()}). */
    public long totalSpikes() { return sum(spikes); }
    public long totalNeuronUpdates() { return sum(neuronUpdates); }
    /** Hops of neuron spikes plus hops of input spikes from the host. */
    public long totalHops() { return sum(hops) + inputHops; }
    public long inputSpikes() { return inputSpikes; }
    public long inputHops() { return inputHops; }
    public long steps() { return steps; }

    /** Adds another counter set (same core count) into this one. */
    public void add(ActivityCounters o) {
        for (int c = 0; c < cores(); c++) {
            synapticOps[c] += o.synapticOps[c];
            spikes[c] += o.spikes[c];
            neuronUpdates[c] += o.neuronUpdates[c];
            hops[c] += o.hops[c];
        }
        inputSpikes += o.inputSpikes;
        inputHops += o.inputHops;
        steps += o.steps;
    }

    public ActivityCounters copy() {
        ActivityCounters c = new ActivityCounters(cores());
        c.add(this);
        return c;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) s += x;
        return s;
    }
}
