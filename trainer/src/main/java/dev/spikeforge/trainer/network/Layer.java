package dev.spikeforge.trainer.network;

import dev.spikeforge.proto.LayerKind;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a {@link LifNetwork}: its trainable arrays (live; the optimizer updates them in
 * place) and its shape. Every layer reads the previous layer's output (or the encoded input) one
 * step late.
 */
public sealed interface Layer permits DenseLayer, RecurrentLayer, ConvLayer {
    String name();

    LayerKind kind();

    /** Values it reads per step. */
    int inputSize();

    /** Neurons (readout units included). */
    int neurons();

    /** Values the next layer reads per step: the neurons' spikes, sum-pooled for a conv layer. */
    int outputSize();

    /** False for the non-spiking readout. */
    boolean spiking();

    LifParameters neuron();

    INDArray weights();

    /** [1, neurons], or [1, channels] for a conv layer. */
    INDArray bias();

    default DataType dataType() {
        return weights().dataType();
    }
}
