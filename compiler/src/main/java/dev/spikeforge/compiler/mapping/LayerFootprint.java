package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.ChipProfile;

/** What a layer asks of the hardware: its neurons, inputs and stored weight width. */
public record LayerFootprint(String name, int size, int fanIn, int weightBits) {

    /** Memory for one neuron's incoming synapses: every input stores a weight plus the profile's per-synapse overhead. */
    public long synapseBitsPerNeuron(ChipProfile p) {
        return (long) fanIn * (weightBits + p.getBitsPerSynapseOverhead());
    }
}
