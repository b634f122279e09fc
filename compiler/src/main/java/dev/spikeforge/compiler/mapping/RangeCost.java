package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.SynapseStorage;

/**
 * The resources a growing range of one layer's neurons needs on one core. Neurons are added in
 * index order; additive amounts are summed, the rest follow from the range's ends (spans are
 * monotone).
 */
final class RangeCost {
    private final LayerShape layer;
    private final CoreLimits limits;
    private final Destinations dest;
    private final int axonCopies;
    private int begin = -1, end;
    private long storedSynapses, outputAxons;

    /**
     * Per reading layer whose cores depend on the neuron: the interval of its cores the range sends
     * to.
     */
    private final int[] destFirst, destLast;

    RangeCost(LayerShape layer, CoreLimits limits, Destinations dest) {
        this.layer = layer;
        this.limits = limits;
        this.dest = dest;
        // Crossbar chips with axon types give each input one axon per weight level it is used with.
        this.axonCopies =
                limits.storage() == SynapseStorage.CROSSBAR && limits.axonTypes() > 0
                        ? Math.max(1, layer.weightLevels())
                        : 1;
        this.destFirst = new int[dest.readers()];
        this.destLast = new int[dest.readers()];
    }

    void start(int n) {
        begin = n;
        end = n;
        storedSynapses = 0;
        outputAxons = 0;
        java.util.Arrays.fill(destFirst, Integer.MAX_VALUE);
        java.util.Arrays.fill(destLast, Integer.MIN_VALUE);
        add();
    }

    /** Adds neuron {@code end} to the range. */
    void add() {
        int n = end++;
        storedSynapses += storedInputs(n);
        outputAxons += dest.count(n);
        for (int r = 0; r < destFirst.length; r++) {
            if (dest.uniformCount(r) < 0 && dest.count(r, n) > 0) {
                destFirst[r] = Math.min(destFirst[r], dest.first(r, n));
                destLast[r] = Math.max(destLast[r], dest.last(r, n));
            }
        }
    }

    /**
     * Inputs neuron n stores: its nonzero synapses in a sparse format, every source of its span
     * otherwise. Each of a residual layer's sources arrives on axons of its own, and an axon's
     * synapses are its own: the shared weights are stored once per source.
     */
    long storedInputs(int n) {
        Connectivity c = layer.connectivity();
        int k = layer.sourceCount();
        if (c.local()) return (long) c.synapses(n) * k;
        return limits.storage() == SynapseStorage.SPARSE_WEIGHTS
                ? (long) c.synapses(n) * k
                : (long) (c.spanEnd(n) - c.spanBegin(n)) * k + layer.recurrentInputs();
    }

    int count() {
        return end - begin;
    }

    /**
     * Axons the range receives: its span of every source (a residual layer's k sources: k spans),
     * and its own layer when recurrent.
     */
    long inputAxons() {
        Connectivity c = layer.connectivity();
        long sources = c.sources(begin, end) * layer.sourceCount() + layer.recurrentInputs();
        return sources * axonCopies;
    }

    /** Kernels stored once per core: the layer is conv and the chip shares kernels. */
    private boolean shared() {
        return layer.kernel() != null && limits.convWeightSharing();
    }

    long kernelEntries() {
        // Speck's address encoding pads the output channels to a power of two. A shared conv kernel
        // holds
        // in_channels·k·k entries per output channel on the core; a dense layer is a 1x1 conv over
        // its input axons.
        if (shared())
            return (long) layer.kernel().weightsPerChannel()
                    * Long.highestOneBit(Math.max(1, 2L * channels() - 1));
        return inputAxons() * Long.highestOneBit(Math.max(1, 2L * count() - 1));
    }

    /** Output channels of a conv layer the range touches. */
    long channels() {
        return layer.kernel().channels(begin, end);
    }

    long synapseBits() {
        int w = layer.weightBits();
        if (shared() && limits.storage() != SynapseStorage.KERNEL_MEMORY) {
            // One copy of each output channel's kernel per core, each weight with the format's
            // per-synapse overhead.
            return channels()
                    * layer.kernel().weightsPerChannel()
                    * (w + limits.bitsPerSynapseOverhead());
        }
        return switch (limits.storage()) {
            case CROSSBAR ->
                    inputAxons() * count() + (long) count() * Math.max(1, limits.axonTypes()) * w;
            case KERNEL_MEMORY -> kernelEntries() * w;
            default -> storedSynapses * (w + limits.bitsPerSynapseOverhead());
        };
    }

    long outputAxons() {
        return outputAxons;
    }

    /**
     * Cores the range sends to: all of a dense reader's, the interval its neurons reach of any
     * other, its own when recurrent.
     */
    int destinations() {
        int d = dest.ownCores;
        for (int r = 0; r < destFirst.length; r++) {
            int u = dest.uniformCount(r);
            d += u >= 0 ? u : destLast[r] < destFirst[r] ? 0 : destLast[r] - destFirst[r] + 1;
        }
        return d;
    }

    boolean fits() {
        boolean kernel =
                limits.storage() != SynapseStorage.KERNEL_MEMORY
                        || (kernelEntries() <= limits.kernelEntries()
                                && count() <= limits.neuronEntries());
        boolean memory =
                limits.storage() == SynapseStorage.KERNEL_MEMORY
                        || synapseBits() <= limits.memoryBits();
        return count() <= limits.neurons()
                && inputAxons() <= limits.inputAxons()
                && memory
                && outputAxons <= limits.outputAxons()
                && destinations() <= limits.destinations()
                && kernel;
    }

    CoreUse use(int layerIndex) {
        return new CoreUse(
                layerIndex,
                new NeuronRange(begin, end),
                inputAxons(),
                synapseBits(),
                outputAxons,
                destinations());
    }
}
