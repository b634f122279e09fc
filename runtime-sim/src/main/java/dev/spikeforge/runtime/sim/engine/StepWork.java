package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.neuron.NeuronKernel;
import dev.spikeforge.runtime.sim.neuron.SegmentTally;
import dev.spikeforge.runtime.sim.synapse.SynapsePartition;

/**
 * One worker's share of the steps: updating the neurons of a partition of a layer, and delivering a
 * step's spikes into a partition's delay lines. Partitions are handed out per phase (every worker
 * may take any), and each worker counts into its own padded counters, so workers only share
 * read-only data, the partitions they are handed one at a time and the spike lists of the previous
 * phase.
 */
final class StepWork {
    private static final int PAD = 8;
    private final SimModel model;
    private final LayerState[] states;
    private final SegmentTally tally = new SegmentTally();

    /**
     * This step's spikes and active updates per core, and spikes per layer, offset by PAD longs on
     * each side so two workers' arrays never share a cache line; drained into the step's counters
     * after every step.
     */
    final long[] spikes;

    final long[] updates;
    final long[] layerSpikes;

    StepWork(SimModel model, LayerState[] states) {
        this.model = model;
        this.states = states;
        // One column per core and one for the host (a layer it computes).
        this.spikes = new long[model.cores + 1 + 2 * PAD];
        this.updates = new long[model.cores + 1 + 2 * PAD];
        this.layerSpikes = new long[model.layers.length + 2 * PAD];
    }

    /** Phase 1 of step t on one thread: every partition of every layer. */
    void update(int t) {
        for (LayerModel m : model.layers)
            for (int p = 0, n = m.segments.partitions(); p < n; p++) update(t, m, p);
    }

    /** Phase 2 of step t on one thread: every partition of every layer. */
    void deliver(int t, int[] input, int[] payloads, int inputCount) {
        for (LayerModel m : model.layers)
            for (int p = 0, n = m.segments.partitions(); p < n; p++)
                deliver(t, m, p, input, payloads, inputCount);
    }

    /**
     * Phase 1 of step t for partition p of layer m: its neurons read this step's sums and produce
     * this step's spikes.
     */
    void update(int t, LayerModel m, int p) {
        int parity = t & 1;
        LayerState s = states[m.index];
        Segments seg = m.segments;
        NeuronKernel kernel = m.kernel;
        int[] acc = s.acc[p][t % m.ring];
        int base = seg.bounds[p];
        int[] list = s.spikeList[parity][p];
        int count = 0;
        boolean[] quiet = s.quiet[p];
        for (int g = seg.segStart[p], ge = seg.segStart[p + 1]; g < ge; g++) {
            int from = seg.from[g], to = seg.to[g], q = g - seg.segStart[p];
            if (quiet[q] && allZero(acc, from - base, to - base)) continue;
            tally.start(list, count);
            kernel.update(s.neurons, acc, base, m.bias, from, to, tally);
            count = tally.spikeCount;
            int c = seg.core[g] + PAD;
            updates[c] += tally.active;
            spikes[c] += tally.spikes;
            quiet[q] = tally.quiet && !seg.biased[g];
        }
        s.spikeCount[parity][p] = count;
        layerSpikes[m.index + PAD] += count;
        // A graded layer's spikes keep their payloads beside them: the neuron's register is
        // overwritten when it fires
        // again, possibly while another thread still delivers this step's spikes.
        if (s.payloadList != null) {
            int[] pay = s.payloadList[parity][p], from = s.neurons.payload;
            for (int k = 0; k < count; k++) pay[k] = from[list[k]];
        }
    }

    /**
     * Phase 2 of step t for partition p of layer m: the spikes of step t (host input and layers)
     * enter its delay lines. Host input on a graded connection adds weight × payload ({@code
     * payloads} aligned with {@code input}).
     */
    void deliver(int t, LayerModel m, int p, int[] input, int[] payloads, int inputCount) {
        int parity = t & 1;
        LayerState s = states[m.index];
        for (Connection c : m.incoming) {
            SynapsePartition table = c.parts[p];
            int[] acc = s.acc[p][(t + c.delay) % m.ring];
            if (c.source < 0) {
                if (c.graded) table.deliverAllScaled(input, payloads, inputCount, acc);
                else table.deliverAll(input, inputCount, acc);
            } else {
                LayerState src = states[c.source];
                int[][] lists = src.spikeList[parity];
                int[] counts = src.spikeCount[parity];
                if (c.graded) {
                    int[][] pays = src.payloadList[parity];
                    for (int q = 0; q < lists.length; q++)
                        table.deliverAllScaled(lists[q], pays[q], counts[q], acc);
                } else {
                    for (int q = 0; q < lists.length; q++)
                        table.deliverAll(lists[q], counts[q], acc);
                }
            }
        }
    }

    private static boolean allZero(int[] a, int from, int to) {
        int or = 0;
        for (int i = from; i < to; i++) or |= a[i];
        return or == 0;
    }

    /**
     * Moves this worker's counts of the step into the step's counters and zeroes them. The host's
     * neuron updates are host MACs (one per update); its spikes cost only the messages they send.
     */
    void drainInto(ActivityCounters step) {
        long[] spiked = step.count[EventKind.SPIKE.ordinal()],
                updated = step.count[EventKind.NEURON_UPDATE.ordinal()];
        int host = step.host();
        for (int k = 0; k < host; k++) {
            spiked[k] += spikes[k + PAD];
            updated[k] += updates[k + PAD];
            spikes[k + PAD] = 0;
            updates[k + PAD] = 0;
        }
        step.count[EventKind.HOST_MAC.ordinal()][host] += updates[host + PAD];
        spikes[host + PAD] = 0;
        updates[host + PAD] = 0;
        for (int l = 0; l < step.layers(); l++) {
            step.layerSpikes[l] += layerSpikes[l + PAD];
            layerSpikes[l + PAD] = 0;
        }
    }
}
