package dev.spikeforge.sim.network;

import dev.spikeforge.sim.neuron.NeuronKernel;
import dev.spikeforge.sim.neuron.SegmentTally;
import dev.spikeforge.sim.synapse.SynapsePartition;

/**
 * The part of every step one thread does: update the neurons of its partitions, then deliver all of the step's
 * spikes into its partitions' delay lines. Threads own disjoint partitions of every layer and count into their
 * own counters, so they only share read-only data and the spike lists of the step before the barrier.
 */
final class StepWork {
    private static final int PAD = 8;
    private final SimModel model;
    private final LayerState[] states;
    private final int thread;
    private final int threads;
    private final SegmentTally tally = new SegmentTally();
    /** Per core, offset by PAD longs on each side so two threads' arrays never share a cache line. */
    final long[] spikes;
    final long[] updates;
    final long[] hops;
    final long[] synapticOps = new long[2 * PAD + 1];
    final long[] layerSpikes;

    StepWork(SimModel model, LayerState[] states, int thread, int threads) {
        this.model = model;
        this.states = states;
        this.thread = thread;
        this.threads = threads;
        this.spikes = new long[model.cores + 2 * PAD];
        this.updates = new long[model.cores + 2 * PAD];
        this.hops = new long[model.cores + 2 * PAD];
        this.layerSpikes = new long[model.layers.length + 2 * PAD];
    }

    private int firstPartition(int parts) {
        return parts * thread / threads;
    }

    private int endPartition(int parts) {
        return parts * (thread + 1) / threads;
    }

    /** Phase 1 of step t: every layer's neurons read this step's sums and produce this step's spikes. */
    void update(int t) {
        int parity = t & 1;
        for (LayerModel m : model.layers) {
            LayerState s = states[m.index];
            Segments seg = m.segments;
            NeuronKernel kernel = m.kernel;
            int slot = t % m.ring;
            int parts = seg.partitions();
            int[] tallyPerNeuron = s.tally;
            for (int p = firstPartition(parts), pe = endPartition(parts); p < pe; p++) {
                int[] acc = s.acc[p][slot];
                int base = seg.bounds[p];
                int[] list = s.spikeList[parity][p];
                int count = 0;
                boolean[] quiet = s.quiet[p];
                for (int g = seg.segStart[p], ge = seg.segStart[p + 1]; g < ge; g++) {
                    int from = seg.from[g], to = seg.to[g], q = g - seg.segStart[p];
                    if (quiet[q] && allZero(acc, from - base, to - base)) continue;
                    tally.start(list, count);
                    kernel.update(s.neurons, acc, base, m.bias, from, to, tally);
                    for (int k = count; k < tally.spikeCount; k++) tallyPerNeuron[list[k]]++;
                    count = tally.spikeCount;
                    int c = seg.core[g] + PAD;
                    updates[c] += tally.active;
                    spikes[c] += tally.spikes;
                    hops[c] += tally.spikes * model.hopsPerSpike[c - PAD];
                    quiet[q] = tally.quiet && !seg.biased[g];
                }
                s.spikeCount[parity][p] = count;
                layerSpikes[m.index + PAD] += count;
            }
        }
    }

    /** Phase 2 of step t: the spikes of step t (host input and every layer) enter the delay lines of this thread's partitions. */
    void deliver(int t, int[] input, int inputCount) {
        int parity = t & 1;
        long ops = 0;
        for (LayerModel m : model.layers) {
            LayerState s = states[m.index];
            int parts = m.segments.partitions();
            for (Connection c : m.incoming) {
                int slot = (t + c.delay) % m.ring;
                for (int p = firstPartition(parts), pe = endPartition(parts); p < pe; p++) {
                    SynapsePartition table = c.parts[p];
                    int[] acc = s.acc[p][slot];
                    if (c.source < 0) {
                        for (int k = 0; k < inputCount; k++) ops += table.deliver(input[k], acc);
                    } else {
                        LayerState src = states[c.source];
                        int[][] lists = src.spikeList[parity];
                        int[] counts = src.spikeCount[parity];
                        for (int q = 0; q < lists.length; q++) {
                            int[] list = lists[q];
                            for (int k = 0, n = counts[q]; k < n; k++) ops += table.deliver(list[k], acc);
                        }
                    }
                }
            }
        }
        synapticOps[PAD] += ops;
    }

    private static boolean allZero(int[] a, int from, int to) {
        int or = 0;
        for (int i = from; i < to; i++) or |= a[i];
        return or == 0;
    }

    /** Moves this worker's counts into {@code c} and zeroes them. */
    void foldInto(ActivityCounters c) {
        for (int k = 0; k < c.cores(); k++) {
            c.spikes[k] += spikes[k + PAD];
            c.neuronUpdates[k] += updates[k + PAD];
            c.hops[k] += hops[k + PAD];
            spikes[k + PAD] = 0;
            updates[k + PAD] = 0;
            hops[k + PAD] = 0;
        }
        for (int l = 0; l < c.layers(); l++) {
            c.layerSpikes[l] += layerSpikes[l + PAD];
            layerSpikes[l + PAD] = 0;
        }
        c.synapticTotal += synapticOps[PAD];
        synapticOps[PAD] = 0;
    }
}
