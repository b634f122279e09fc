package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.runtime.sim.synapse.SynapsePartition;

/**
 * Synapses from one source (the host input, -1, or a layer) into one layer, with the steps a spike
 * takes to arrive.
 */
final class Connection {
    final int source;
    final int target;
    final int delay;

    /** One table per partition of the target layer. */
    final SynapsePartition[] parts;

    /**
     * Whether the source's spikes carry payloads (graded input), each synapse adding weight ×
     * payload.
     */
    final boolean graded;

    Connection(int source, int target, int delay, SynapsePartition[] parts, boolean graded) {
        this.source = source;
        this.target = target;
        this.delay = delay;
        this.parts = parts;
        this.graded = graded;
    }

    long synapses() {
        long s = 0;
        for (SynapsePartition p : parts) s += p.synapses();
        return s;
    }

    long bytes() {
        long b = 0;
        for (SynapsePartition p : parts) b += p.bytes();
        return b;
    }
}
