package dev.spikeforge.compiler.mapping;

/**
 * What one core of a partition uses, in the units of the profile's limits.
 *
 * @param layer layer index
 * @param range the neurons it holds
 * @param inputAxons axons it receives (sources of its neurons' spans, duplicated per axon type on
 *     crossbar chips)
 * @param synapseBits synapse memory in bits (KERNEL_MEMORY: kernel entries × weight bits)
 * @param outputAxons one per (neuron, destination core) pair
 * @param destinations cores it sends to
 */
public record CoreUse(
        int layer,
        NeuronRange range,
        long inputAxons,
        long synapseBits,
        long outputAxons,
        int destinations) {}
