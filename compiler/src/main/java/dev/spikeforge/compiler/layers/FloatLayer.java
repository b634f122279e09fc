package dev.spikeforge.compiler.layers;

import dev.spikeforge.proto.FloatLifParams;

/**
 * A validated dense layer of a trained network, with its tensors unboxed once for the quantizer.
 *
 * @param index position in the network
 * @param sources the layers it reads (−1: the input axons), summed before the weights
 * @param weights [size, fanIn] row-major
 * @param bias [size], zeros when the trained layer has none
 * @param readout true for a non-spiking READOUT layer
 * @param recurrentWeights [size, size] row-major (m -> n at [n * size + m]) for RECURRENT_LIF, else
 *     null
 * @param tying how {@code weights} expand fewer trained weights (conv kernels, a pooled source),
 *     else null: every weight its own, each neuron its own output channel
 */
public record FloatLayer(
        int index,
        String name,
        Sources sources,
        int size,
        int fanIn,
        float[] weights,
        float[] bias,
        FloatLifParams neuron,
        boolean readout,
        float[] recurrentWeights,
        WeightTying tying) {

    public FloatLayer(
            int index,
            String name,
            int source,
            int size,
            int fanIn,
            float[] weights,
            float[] bias,
            FloatLifParams neuron,
            boolean readout,
            float[] recurrentWeights,
            WeightTying tying) {
        this(
                index,
                name,
                Sources.of(source),
                size,
                fanIn,
                weights,
                bias,
                neuron,
                readout,
                recurrentWeights,
                tying);
    }

    public FloatLayer(
            int index,
            String name,
            int source,
            int size,
            int fanIn,
            float[] weights,
            float[] bias,
            FloatLifParams neuron,
            boolean readout,
            float[] recurrentWeights) {
        this(
                index,
                name,
                source,
                size,
                fanIn,
                weights,
                bias,
                neuron,
                readout,
                recurrentWeights,
                null);
    }

    public FloatLayer(
            int index,
            String name,
            int source,
            int size,
            int fanIn,
            float[] weights,
            float[] bias,
            FloatLifParams neuron,
            boolean readout) {
        this(index, name, source, size, fanIn, weights, bias, neuron, readout, null);
    }

    /** The main source: −1 for the input axons, else the index of the first layer it reads. */
    public int source() {
        return sources.first();
    }

    /** The same layer at {@code index} reading {@code sources}, its weights and tying unchanged. */
    public FloatLayer at(int index, Sources sources) {
        return new FloatLayer(
                index,
                name,
                sources,
                size,
                fanIn,
                weights,
                bias,
                neuron,
                readout,
                recurrentWeights,
                tying);
    }

    public float weight(int neuron, int input) {
        return weights[neuron * fanIn + input];
    }

    /**
     * A conv layer (its synapses expand a kernel shared by every position of an output channel).
     */
    public boolean conv() {
        return tying != null && tying.conv() != null;
    }

    public boolean recurrent() {
        return recurrentWeights != null;
    }

    /** Inputs a neuron integrates: the source's plus, when recurrent, the layer's own neurons. */
    public int inputsPerNeuron() {
        return fanIn + (recurrent() ? size : 0);
    }

    /** Row n of [W | W_rec]: what neuron n reads, feed-forward first. */
    public float input(int neuron, int k) {
        return k < fanIn
                ? weights[neuron * fanIn + k]
                : recurrentWeights[neuron * size + k - fanIn];
    }
}
