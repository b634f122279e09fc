package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.synapse.SynapsePartition;

/**
 * How much memory laying out and running a compiled network takes, computed from its declared sizes
 * before anything is allocated, so a network that cannot fit is refused with a message instead of
 * an OutOfMemoryError (the device server admits networks against its budget with it). Generous by
 * design: it counts the transient arrays of the layout (a dense matrix is copied once while its
 * synapse tables are built) as well as what stays, and one simulator's state. Call it on a network
 * that passed the artifact validator.
 */
public final class MemoryEstimate {
    /**
     * Per neuron: u, v, refractory, spike flag, tallies, spike lists, core map, bias, threshold
     * (4-byte values).
     */
    static final long NEURON_BYTES = 48;

    /** Per delay-line slot of a neuron (one int per step of axonal delay). */
    static final long DELAY_SLOT_BYTES = 4;

    /**
     * Per stored synapse: the built table (up to 3 bytes) plus the target and weight arrays it is
     * built from, and at most one destination entry of the cost accounting (4 bytes packed, 8 while
     * built: Destinations).
     */
    static final long SYNAPSE_BYTES = 16;

    /**
     * Per entry of a dense weight matrix: it is unboxed into an int array while the tables are
     * built.
     */
    static final long DENSE_ENTRY_BYTES = 4;

    /** Per source and partition: row starts and fill counters of the tables. */
    static final long ROW_BYTES = 12;

    static final long FIXED_BYTES = 1 << 20;

    private MemoryEstimate() {}

    /** Bytes to lay out {@code net} with {@code options} and run one simulator on it. */
    public static long bytes(CompiledNetwork net, SimOptions options) {
        long total = FIXED_BYTES;
        for (CompiledLayer l : net.getLayersList()) {
            long size = Integer.toUnsignedLong(l.getSize());
            long ring = 1 + Integer.toUnsignedLong(l.getAxonDelay());
            long partitions =
                    Math.max(
                            options.threads(),
                            (size + SynapsePartition.MAX_LENGTH - 1) / SynapsePartition.MAX_LENGTH);
            total = add(total, mul(size, NEURON_BYTES + DELAY_SLOT_BYTES * ring));
            total =
                    add(
                            total,
                            connection(
                                    l.hasSparseWeights()
                                            ? l.getSparseWeights().getTargetCount()
                                            : -1,
                                    l.getWeightsCount(),
                                    Integer.toUnsignedLong(l.getFanIn()),
                                    partitions));
            if (l.hasSparseRecurrentWeights() || l.getRecurrentWeightsCount() > 0) {
                total =
                        add(
                                total,
                                connection(
                                        l.hasSparseRecurrentWeights()
                                                ? l.getSparseRecurrentWeights().getTargetCount()
                                                : -1,
                                        l.getRecurrentWeightsCount(),
                                        size,
                                        partitions));
            }
        }
        return total;
    }

    /** Refuses, naming the sizes, a network whose estimate exceeds what this JVM may ever use. */
    static void requireFits(CompiledNetwork net, SimOptions options) {
        long need = bytes(net, options), max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new IllegalArgumentException(
                    "compiled network '"
                            + net.getName()
                            + "' needs about "
                            + mib(need)
                            + " MiB of memory to simulate ("
                            + neurons(net)
                            + " neurons), more than the "
                            + mib(max)
                            + " MiB this JVM may use: not loaded. Give Java more (bin/spikeforge"
                            + " reads SPIKEFORGE_JAVA_OPTS, e.g. -Xmx16g) or use a smaller"
                            + " network");
        }
    }

    public static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static long neurons(CompiledNetwork net) {
        long n = 0;
        for (CompiledLayer l : net.getLayersList()) n += Integer.toUnsignedLong(l.getSize());
        return n;
    }

    /**
     * {@code sparse} synapses (or -1 with {@code dense} matrix entries) from {@code sources}
     * sources.
     */
    private static long connection(long sparse, long dense, long sources, long partitions) {
        long synapses = sparse >= 0 ? sparse : dense;
        long bytes = mul(synapses, SYNAPSE_BYTES);
        if (sparse < 0) bytes = add(bytes, mul(dense, DENSE_ENTRY_BYTES));
        return add(bytes, mul(mul(sources + 1, partitions), ROW_BYTES));
    }

    private static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static long mul(long a, long b) {
        if (a == 0 || b == 0) return 0;
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
