package dev.spikeforge.runtime.sim.synapse;

/**
 * Event kernel: CSR by source with a 16-bit local target index and an 8-bit weight per synapse (3
 * bytes), plus one int offset per source. Delivering a spike is one sequential run of (index,
 * weight) reads and one add per synapse into the partition's accumulators. The one layout that also
 * takes graded spikes (weight × payload).
 */
public final class SparsePartition extends SynapsePartition {
    private final int[] start;
    private final char[] target;
    private final byte[] weight;

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

    @Override
    public long deliverAllScaled(int[] sources, int[] payloads, int count, int[] acc) {
        final char[] tg = target;
        final byte[] w = weight;
        long ops = 0;
        for (int k = 0; k < count; k++) {
            final int source = sources[k], pay = payloads[k];
            final int s = start[source], e = start[source + 1];
            for (int j = s; j < e; j++) acc[tg[j]] += w[j] * pay;
            ops += e - s;
        }
        return ops;
    }

    /**
     * The first lines of the row's 16-bit indices (32 per line) and of its weights (64 per line).
     */
    @Override
    protected int loadAhead(int source) {
        int s = start[source], lim = Math.min(start[source + 1], s + LOAD_AHEAD_LINES * 32);
        int sum = 0;
        for (int j = s; j < lim; j += 32) sum += target[j];
        for (int j = s; j < lim; j += 64) sum += weight[j];
        return sum;
    }

    @Override
    public int fanOut(int source) {
        return start[source + 1] - start[source];
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
