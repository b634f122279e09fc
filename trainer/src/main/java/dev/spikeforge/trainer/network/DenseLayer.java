package dev.spikeforge.trainer.network;

import dev.spikeforge.proto.LayerKind;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fully connected LIF neurons, or the non-spiking readout: weights [size, fanIn] row-major as in
 * the artifact, bias [1, size].
 */
public record DenseLayer(
        String name, INDArray weights, INDArray bias, LifParameters neuron, boolean readout)
        implements Layer {

    public DenseLayer {
        if (weights.rank() != 2)
            throw new IllegalArgumentException(
                    name + ": weights must be [size, fanIn], got rank " + weights.rank());
        if (bias.rank() != 2 || bias.rows() != 1 || bias.columns() != weights.rows()) {
            throw new IllegalArgumentException(
                    name
                            + ": bias must be [1, "
                            + weights.rows()
                            + "], got "
                            + Arrays.toString(bias.shape()));
        }
        if (bias.dataType() != weights.dataType())
            throw new IllegalArgumentException(name + ": bias and weights differ in data type");
    }

    @Override
    public LayerKind kind() {
        return readout ? LayerKind.READOUT : LayerKind.DENSE_LIF;
    }

    @Override
    public int inputSize() {
        return (int) weights.columns();
    }

    @Override
    public int neurons() {
        return (int) weights.rows();
    }

    @Override
    public int outputSize() {
        return neurons();
    }

    @Override
    public boolean spiking() {
        return !readout;
    }

    public int size() {
        return neurons();
    }

    public int fanIn() {
        return inputSize();
    }
}
