package dev.spikeforge.trainer.network;

import dev.spikeforge.neuron.FloatLif;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One dense layer of LIF neurons (or the non-spiking readout): weights [size, fanIn] row-major as in the artifact,
 * bias [1, size]. The arrays are the live trainable parameters; the optimizer updates them in place.
 */
public record LifLayer(String name, INDArray weights, INDArray bias, FloatLif neuron, boolean readout) {

    public LifLayer {
        if (weights.rank() != 2) throw new IllegalArgumentException(name + ": weights must be [size, fanIn], got rank " + weights.rank());
        if (bias.rank() != 2 || bias.rows() != 1 || bias.columns() != weights.rows()) {
            throw new IllegalArgumentException(name + ": bias must be [1, " + weights.rows() + "], got " + java.util.Arrays.toString(bias.shape()));
        }
        if (bias.dataType() != weights.dataType()) throw new IllegalArgumentException(name + ": bias and weights differ in data type");
    }

    public int size() {
        return (int) weights.rows();
    }

    public int fanIn() {
        return (int) weights.columns();
    }
}
