package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.LifNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** dL/dW and dL/db of every layer, shaped like the parameters, overwritten by each backward pass. */
public final class Gradients {
    private final INDArray[] weights;
    private final INDArray[] biases;

    public Gradients(LifNetwork net) {
        weights = new INDArray[net.depth()];
        biases = new INDArray[net.depth()];
        for (int l = 0; l < net.depth(); l++) {
            weights[l] = Nd4j.zerosLike(net.layer(l).weights());
            biases[l] = Nd4j.zerosLike(net.layer(l).bias());
        }
    }

    public INDArray weights(int l) {
        return weights[l];
    }

    public INDArray bias(int l) {
        return biases[l];
    }

    public int depth() {
        return weights.length;
    }
}
