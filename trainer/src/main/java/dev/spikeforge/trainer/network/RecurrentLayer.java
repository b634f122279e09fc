package dev.spikeforge.trainer.network;

import dev.spikeforge.proto.LayerKind;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LIF neurons that hear the previous layer and their own layer, both one step late: a[t] =
 * W·s_prev[t−1] + V·z[t−1]. Weights [size, fanIn], recurrent V [size, size] (V[n][m]: from neuron m
 * to n).
 */
public record RecurrentLayer(
        String name, INDArray weights, INDArray recurrent, INDArray bias, LifParameters neuron)
        implements Layer {

    public RecurrentLayer {
        if (weights.rank() != 2)
            throw new IllegalArgumentException(
                    name + ": weights must be [size, fanIn], got rank " + weights.rank());
        long n = weights.rows();
        if (recurrent.rank() != 2 || recurrent.rows() != n || recurrent.columns() != n) {
            throw new IllegalArgumentException(
                    name
                            + ": recurrent weights must be ["
                            + n
                            + ", "
                            + n
                            + "], got "
                            + Arrays.toString(recurrent.shape()));
        }
        if (bias.rank() != 2 || bias.rows() != 1 || bias.columns() != n) {
            throw new IllegalArgumentException(
                    name + ": bias must be [1, " + n + "], got " + Arrays.toString(bias.shape()));
        }
        if (bias.dataType() != weights.dataType() || recurrent.dataType() != weights.dataType()) {
            throw new IllegalArgumentException(name + ": parameters differ in data type");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.RECURRENT_LIF;
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
        return true;
    }
}
