package dev.spikeforge.sim.synapse;

/**
 * The synapses of one connection onto one partition of the target layer: targets [base, base + length), at most
 * 65,536 of them, so a target is addressed by a 16-bit partition-local index. Each partition has its own
 * accumulator array, so threads working on different partitions share no written cache lines.
 */
public abstract class SynapsePartition {
    public static final int MAX_LENGTH = 1 << 16;

    protected final int base;
    protected final int length;

    protected SynapsePartition(int base, int length) {
        if (length > MAX_LENGTH) throw new IllegalArgumentException("partition of " + length + " targets exceeds " + MAX_LENGTH);
        this.base = base;
        this.length = length;
    }

    public final int base() {
        return base;
    }

    public final int length() {
        return length;
    }

    /** Adds source's weights into {@code acc} (indexed by target − base); returns the synaptic ops (stored synapses). */
    public abstract int deliver(int source, int[] acc);

    /**
     * Delivers every source of {@code sources[0 .. count)} in order, as {@link #deliver} would one by one; returns
     * the synaptic ops. Layouts override it to start loading the next source's row while the current one is added.
     */
    public long deliverAll(int[] sources, int count, int[] acc) {
        long ops = 0;
        for (int k = 0; k < count; k++) ops += deliver(sources[k], acc);
        return ops;
    }

    /** Stored synapses of a source in this partition. */
    public abstract int fanOut(int source);

    /** Adds {@code times} synaptic ops to the core of each of source's targets (per-core accounting, done lazily). */
    public abstract void chargeCores(int source, long times, int[] coreOfNeuron, long[] opsPerCore);

    /** Bytes of synapse storage (weights, target indices, row offsets). */
    public abstract long bytes();

    /** The layout's name, as {@link KernelChoice} names it in lower case (e.g. "sparse_delta8", "dense"). */
    public abstract String layout();

    /** Stored synapses in this partition. */
    public abstract long synapses();
}
