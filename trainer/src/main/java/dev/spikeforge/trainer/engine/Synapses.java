package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's feed-forward connections: the delayed synaptic drive a[t] = W ∗ s_prev[t−1] for all
 * steps at once, and its adjoint.
 */
interface Synapses {
    /** drive.tail = W ∗ input.head (every step at once); drive[0] = 0. */
    void forward(LayerInput input, StepBlocks drive);

    /**
     * From ga = dL/da: dL/dW into {@code weightGrad}, and, when {@code inputGrad} is not null,
     * dL/d(input) added into it.
     */
    void backward(StepBlocks ga, LayerInput input, INDArray weightGrad, StepBlocks inputGrad);
}
