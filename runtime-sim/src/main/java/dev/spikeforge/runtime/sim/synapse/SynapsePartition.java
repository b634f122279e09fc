package dev.spikeforge.runtime.sim.synapse;

/**
 * The synapses of one connection onto one partition of the target layer: targets [base, base +
 * length), at most 65,536 of them, so a target is addressed by a 16-bit partition-local index. Each
 * partition has its own accumulator array, so threads working on different partitions share no
 * written cache lines.
 */
public abstract class SynapsePartition {
    public static final int MAX_LENGTH = 1 << 16;

    protected final int base;
    protected final int length;

    /** Cache lines of a row's start that {@link #loadAhead} touches. */
    protected static final int LOAD_AHEAD_LINES = 8;

    @SuppressWarnings("unused")
    private int loadAheadSink;

    protected SynapsePartition(int base, int length) {
        if (length > MAX_LENGTH)
            throw new IllegalArgumentException(
                    "partition of " + length + " targets exceeds " + MAX_LENGTH);
        this.base = base;
        this.length = length;
    }

    public final int base() {
        return base;
    }

    public final int length() {
        return length;
    }

    /**
     * Adds source's weights into {@code acc} (indexed by target − base); returns the synaptic ops
     * (stored synapses).
     */
    public abstract int deliver(int source, int[] acc);

    /**
     * Delivers every source of {@code sources[0 .. count)} in order, as {@link #deliver} would one
     * by one; returns the synaptic ops. Before adding a source's row it has the next source's row
     * {@link #loadAhead loaded ahead}.
     */
    public final long deliverAll(int[] sources, int count, int[] acc) {
        long ops = 0;
        int loaded = 0;
        for (int k = 0; k < count; k++) {
            if (k + 1 < count) loaded += loadAhead(sources[k + 1]);
            ops += deliver(sources[k], acc);
        }
        // A use the JIT must keep, so that it keeps the loads; the store itself (almost) never
        // happens, so simulators
        // sharing this table on other threads never see its cache line written.
        if (loaded == Integer.MIN_VALUE) loadAheadSink = loaded;
        return ops;
    }

    /**
     * Reads one value per cache line of the start of source's row and returns their sum
     * (meaningless). Those loads depend on nothing the adds of the row before do, so the row's
     * first lines (which the hardware prefetcher fetches only after a few demand misses) arrive
     * while that row is added: the lookahead hides those demand misses (see docs/benchmarks.md,
     * "Row lookahead"). Default: nothing loaded.
     */
    protected int loadAhead(int source) {
        return 0;
    }

    /**
     * Graded spikes: source {@code sources[k]} carries the integer payload {@code payloads[k]}, so
     * each of its synapses adds weight × payload (two's complement, 32 bits). Only the layout built
     * for graded connections ({@link SparsePartition}) implements it. Returns the synaptic ops.
     */
    public long deliverAllScaled(int[] sources, int[] payloads, int count, int[] acc) {
        throw new IllegalStateException(
                layout()
                        + " tables take binary spikes only; a graded connection is built as"
                        + " sparse_indexed");
    }

    /** Stored synapses of a source in this partition. */
    public abstract int fanOut(int source);

    /** Bytes of synapse storage (weights, target indices, row offsets). */
    public abstract long bytes();

    /**
     * The layout's name, as {@link KernelChoice} names it in lower case (e.g. "sparse_delta8",
     * "dense").
     */
    public abstract String layout();

    /** Stored synapses in this partition. */
    public abstract long synapses();
}
