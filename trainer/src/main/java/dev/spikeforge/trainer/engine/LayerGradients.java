package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.RecurrentLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * dL/d(parameter) of one layer, shaped like the parameters and overwritten by every backward pass.
 * The neuron parameters' gradients are [1, 1] and written only when the layer learns them.
 */
public final class LayerGradients {
    private final INDArray weights, recurrent, bias, du, dv, threshold;

    LayerGradients(Layer layer) {
        weights = Nd4j.zerosLike(layer.weights());
        recurrent = layer instanceof RecurrentLayer r ? Nd4j.zerosLike(r.recurrent()) : null;
        bias = Nd4j.zerosLike(layer.bias());
        du = Nd4j.zerosLike(layer.neuron().du());
        dv = Nd4j.zerosLike(layer.neuron().dv());
        threshold = Nd4j.zerosLike(layer.neuron().threshold());
    }

    public INDArray weights() {
        return weights;
    }

    /** Null unless the layer is recurrent. */
    public INDArray recurrent() {
        return recurrent;
    }

    public INDArray bias() {
        return bias;
    }

    public INDArray du() {
        return du;
    }

    public INDArray dv() {
        return dv;
    }

    public INDArray threshold() {
        return threshold;
    }
}
