package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.SynapseStorage;

/**
 * The resources a growing range of one layer's neurons needs on one core. Neurons are added in index order;
 * additive amounts are summed, the rest follow from the range's ends (spans are monotone).
 */
final class RangeCost {
    private final LayerShape layer;
    private final CoreLimits limits;
    private final Destinations dest;
    private final int axonCopies;
    private int begin = -1, end;
    private long storedSynapses, outputAxons;
    private int destFirst, destLast;

    RangeCost(LayerShape layer, CoreLimits limits, Destinations dest) {
        this.layer = layer;
        this.limits = limits;
        this.dest = dest;
        // Crossbar chips with axon types give each input one axon per weight level it is used with.
        this.axonCopies = limits.storage() == SynapseStorage.CROSSBAR && limits.axonTypes() > 0 ? Math.max(1, layer.weightLevels()) : 1;
    }

    void start(int n) {
        begin = n;
        end = n;
        storedSynapses = 0;
        outputAxons = 0;
        destFirst = Integer.MAX_VALUE;
        destLast = Integer.MIN_VALUE;
        add();
    }

    /** Adds neuron {@code end} to the range. */
    void add() {
        int n = end++;
        storedSynapses += storedInputs(n);
        outputAxons += dest.count(n);
        if (!dest.uniform && dest.count(n) > dest.ownCores) {
            destFirst = Math.min(destFirst, dest.first[n]);
            destLast = Math.max(destLast, dest.last[n]);
        }
    }

    /** Inputs neuron n stores: its nonzero synapses in a sparse format, every source of its span otherwise. */
    long storedInputs(int n) {
        Connectivity c = layer.connectivity();
        return limits.storage() == SynapseStorage.SPARSE_WEIGHTS ? c.synapses(n) : c.spanEnd(n) - c.spanBegin(n) + layer.recurrentInputs();
    }

    int count() {
        return end - begin;
    }

    long inputAxons() {
        Connectivity c = layer.connectivity();
        long sources = (c.full() ? c.fanIn() : c.spanEnd(end - 1) - c.spanBegin(begin)) + layer.recurrentInputs();
        return sources * axonCopies;
    }

    long kernelEntries() {
        // Speck's address encoding pads the output channels to a power of two.
        return inputAxons() * Long.highestOneBit(Math.max(1, 2L * count() - 1));
    }

    long synapseBits() {
        int w = layer.weightBits();
        return switch (limits.storage()) {
            case CROSSBAR -> inputAxons() * count() + (long) count() * Math.max(1, limits.axonTypes()) * w;
            case KERNEL_MEMORY -> kernelEntries() * w;
            default -> storedSynapses * (w + limits.bitsPerSynapseOverhead());
        };
    }

    long outputAxons() {
        return outputAxons;
    }

    int destinations() {
        return (dest.uniform ? dest.uniformCount : destLast < destFirst ? 0 : destLast - destFirst + 1) + dest.ownCores;
    }

    boolean fits() {
        boolean kernel = limits.storage() != SynapseStorage.KERNEL_MEMORY
                || (kernelEntries() <= limits.kernelEntries() && count() <= limits.neuronEntries());
        boolean memory = limits.storage() == SynapseStorage.KERNEL_MEMORY || synapseBits() <= limits.memoryBits();
        return count() <= limits.neurons() && inputAxons() <= limits.inputAxons() && memory
                && outputAxons <= limits.outputAxons() && destinations() <= limits.destinations() && kernel;
    }

    CoreUse use(int layerIndex) {
        return new CoreUse(layerIndex, new NeuronRange(begin, end), inputAxons(), synapseBits(), outputAxons, destinations());
    }
}
