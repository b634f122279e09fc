package dev.spikeforge.sim.network;

/**
 * The synapses of one connection in CSR order by source: the fan-out of source i is
 * targets[start[i] .. start[i+1]) with weights at the same positions. Only spiking sources are ever visited,
 * so the work per step is proportional to the spikes, not the synapse count.
 */
public final class SynapseTable {
    final int[] start;
    final int[] targets;
    final byte[] weights;

    SynapseTable(int[] start, int[] targets, byte[] weights) {
        this.start = start;
        this.targets = targets;
        this.weights = weights;
    }

    /** Builds the table from a dense [size][fanIn] row-major integer matrix, skipping zero weights. */
    public static SynapseTable fromDense(int size, int fanIn, java.util.List<Integer> weightsRowMajor) {
        int[] count = new int[fanIn + 1];
        for (int n = 0; n < size; n++) {
            for (int i = 0; i < fanIn; i++) {
                if (weightsRowMajor.get(n * fanIn + i) != 0) count[i + 1]++;
            }
        }
        for (int i = 0; i < fanIn; i++) count[i + 1] += count[i];
        int[] start = count.clone();
        int[] fill = java.util.Arrays.copyOf(count, fanIn);
        int[] targets = new int[count[fanIn]];
        byte[] weights = new byte[count[fanIn]];
        for (int n = 0; n < size; n++) {
            for (int i = 0; i < fanIn; i++) {
                int w = weightsRowMajor.get(n * fanIn + i);
                if (w != 0) {
                    if (w < Byte.MIN_VALUE || w > Byte.MAX_VALUE) {
                        throw new IllegalArgumentException("weight " + w + " of neuron " + n + ", input " + i
                                + " does not fit the simulator's 8-bit synapse (range -128..127)");
                    }
                    int k = fill[i]++;
                    targets[k] = n;
                    weights[k] = (byte) w;
                }
            }
        }
        return new SynapseTable(start, targets, weights);
    }

    public int sources() {
        return start.length - 1;
    }

    public int synapses() {
        return targets.length;
    }

    public int fanOut(int source) {
        return start[source + 1] - start[source];
    }

    /**
     * Adds the fan-out of {@code source} to {@code accumulator} and the per-core synaptic op counts (the op is
     * charged to the core holding the target). Returns the number of synaptic ops.
     */
    int deliver(int source, int[] accumulator, int[] coreOfTarget, long[] synOpsPerCore) {
        int end = start[source + 1];
        for (int k = start[source]; k < end; k++) {
            int t = targets[k];
            accumulator[t] += weights[k];
            synOpsPerCore[coreOfTarget[t]]++;
        }
        return end - start[source];
    }
}
