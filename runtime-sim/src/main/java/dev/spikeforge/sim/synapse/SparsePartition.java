package dev.spikeforge.sim.synapse;

/**
 * Event kernel: CSR by source with a 16-bit local target index and an 8-bit weight per synapse (3 bytes), plus
 * one int offset per source. Delivering a spike is one sequential run of (index, weight) reads and one add per
 * synapse into the partition's accumulators.
 */
public final class SparsePartition extends SynapsePartition {
    /** Synapses of the next row loaded ahead: 8 cache lines of indices, 4 of weights. */
    private static final int LOOKAHEAD = DeltaPartition.LOOKAHEAD_LINES * 32;

    private final int[] start;
    private final char[] target;
    private final byte[] weight;
    @SuppressWarnings("unused")
    private int lookaheadSink;

    SparsePartition(int base, int length, int[] start, char[] target, byte[] weight) {
        super(base, length);
        this.start = start;
        this.target = target;
        this.weight = weight;
    }

    @Override
    public int deliver(int source, int[] acc) {
        final char[] tg = target;
        final byte[] w = weight;
        final int s = start[source], e = start[source + 1];
        for (int k = s; k < e; k++) acc[tg[k]] += w[k];
        return e - s;
    }

    /** As {@link DeltaPartition#deliverAll}: the next row's first lines of indices and weights load ahead. */
    @Override
    public long deliverAll(int[] sources, int count, int[] acc) {
        final char[] tg = target;
        final byte[] w = weight;
        long ops = 0;
        int touched = 0;
        for (int k = 0; k < count; k++) {
            if (k + 1 < count) {
                int next = sources[k + 1], ns = start[next], lim = Math.min(start[next + 1], ns + LOOKAHEAD);
                for (int j = ns; j < lim; j += 64) touched += tg[j] + w[j];
                for (int j = ns + 32; j < lim; j += 64) touched += tg[j];
            }
            ops += deliver(sources[k], acc);
        }
        lookaheadSink = touched;
        return ops;
    }

    @Override
    public int fanOut(int source) {
        return start[source + 1] - start[source];
    }

    @Override
    public void chargeCores(int source, long times, int[] coreOfNeuron, long[] opsPerCore) {
        for (int k = start[source], e = start[source + 1]; k < e; k++) opsPerCore[coreOfNeuron[base + target[k]]] += times;
    }

    @Override
    public long bytes() {
        return 4L * start.length + 2L * target.length + weight.length;
    }

    @Override
    public String layout() {
        return "sparse_indexed";
    }

    @Override
    public long synapses() {
        return target.length;
    }
}
