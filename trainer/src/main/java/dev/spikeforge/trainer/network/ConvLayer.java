package dev.spikeforge.trainer.network;

import dev.spikeforge.proto.LayerKind;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution followed by LIF neurons on every output position and sum pooling of their spikes.
 * Weights [outChannels, inChannels, kernel, kernel]; bias [1, outChannels], one per channel (what
 * weight sharing implies).
 */
public record ConvLayer(
        String name, ConvShape shape, INDArray weights, INDArray bias, LifParameters neuron)
        implements Layer {

    public ConvLayer {
        long[] expected = {shape.outChannels(), shape.inChannels(), shape.kernel(), shape.kernel()};
        if (!Arrays.equals(weights.shape(), expected)) {
            throw new IllegalArgumentException(
                    name
                            + ": weights must be "
                            + Arrays.toString(expected)
                            + ", got "
                            + Arrays.toString(weights.shape()));
        }
        if (bias.rank() != 2 || bias.rows() != 1 || bias.columns() != shape.outChannels()) {
            throw new IllegalArgumentException(
                    name
                            + ": bias must be [1, "
                            + shape.outChannels()
                            + "], got "
                            + Arrays.toString(bias.shape()));
        }
        if (bias.dataType() != weights.dataType())
            throw new IllegalArgumentException(name + ": bias and weights differ in data type");
        String problem = shape.problem();
        if (problem != null) throw new IllegalArgumentException(name + ": " + problem);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.CONV_LIF;
    }

    @Override
    public int inputSize() {
        return shape.inputSize();
    }

    @Override
    public int neurons() {
        return shape.neurons();
    }

    @Override
    public int outputSize() {
        return shape.outputSize();
    }

    @Override
    public boolean spiking() {
        return true;
    }
}
