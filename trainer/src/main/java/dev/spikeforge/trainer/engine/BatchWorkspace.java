package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.LifNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything one batch of B samples × T steps needs, allocated once: the encoded input [T·B, inputs] and the
 * {@link LayerBuffers} of every layer. A workspace serves one network shape and one batch size.
 */
public final class BatchWorkspace {
    private final int steps, batch;
    private final StepBlocks input;
    private final LayerBuffers[] layers;

    public BatchWorkspace(LifNetwork net, int steps, int batch) {
        if (steps < 2) throw new IllegalArgumentException("steps must be >= 2 (every connection delays by one step), got " + steps);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        DataType type = net.dataType();
        this.steps = steps;
        this.batch = batch;
        this.input = new StepBlocks(Nd4j.create(type, (long) steps * batch, net.inputs()), steps, batch);
        this.layers = new LayerBuffers[net.depth()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new LayerBuffers(type, steps, batch, net.layer(l).size(), net.layer(l).readout());
        }
    }

    public int steps() {
        return steps;
    }

    public int batch() {
        return batch;
    }

    /** The encoded input s_0, step-major: row t·B + b is sample b at step t. */
    public StepBlocks input() {
        return input;
    }

    public LayerBuffers layer(int l) {
        return layers[l];
    }

    public int depth() {
        return layers.length;
    }

    /** The class scores after the forward pass: the readout's v at the last step, [B, classes] (a view). */
    public INDArray scores() {
        return layers[layers.length - 1].potential().at(steps - 1);
    }

    /** Where loss terms put dL/dscore: the readout's gradient block of the last step. */
    public INDArray scoreGradient() {
        return layers[layers.length - 1].grad().at(steps - 1);
    }

    /** Spikes of layer l before each output; the input spikes for l = −1. */
    public StepBlocks sourceOf(int l) {
        return l == 0 ? input : layers[l - 1].spikes();
    }

    /** Zeroes all gradient buffers so loss terms can accumulate into them. */
    public void clearGradients() {
        for (LayerBuffers b : layers) b.grad().all().assign(0);
    }
}
