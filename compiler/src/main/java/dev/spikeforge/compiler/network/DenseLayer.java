package dev.spikeforge.compiler.network;

import dev.spikeforge.proto.FloatLifParams;

/**
 * A validated dense layer of a trained network, with its tensors unboxed once for the quantizer.
 *
 * @param index   position in the network
 * @param source  -1 for the input axons, else the index of the layer it reads
 * @param weights [size, fanIn] row-major
 * @param bias    [size], zeros when the trained layer has none
 * @param readout true for a non-spiking READOUT layer
 */
public record DenseLayer(int index, String name, int source, int size, int fanIn, float[] weights, float[] bias,
                         FloatLifParams neuron, boolean readout) {

    public float weight(int neuron, int input) {
        return weights[neuron * fanIn + input];
    }
}
