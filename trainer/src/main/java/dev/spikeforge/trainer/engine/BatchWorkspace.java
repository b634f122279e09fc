package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything one batch of B samples × T steps of one network needs, allocated once: the encoded
 * input, the {@link LayerBuffers} of every layer and the passes that connect them.
 */
public final class BatchWorkspace {
    private final LifNetwork net;
    private final int steps, batch;
    private final LayerInput input;
    private final LayerBuffers[] layers;
    private final LayerPass[] passes;
    private final ScoreReadout scores;

    /** Step-major input: a value per input and step. */
    public BatchWorkspace(LifNetwork net, int steps, int batch) {
        this(net, steps, batch, false);
    }

    /**
     * @param constantInput the input is the same on every step (direct encoding): one [B, inputs]
     *     block
     */
    public BatchWorkspace(LifNetwork net, int steps, int batch, boolean constantInput) {
        this(net, steps, batch, constantInput, false);
    }

    /**
     * @param dropout every hidden layer gets a buffer for its dropout-masked output, which the next
     *     layer reads (see {@link DropoutMasks}); without it nothing extra is allocated or computed
     */
    public BatchWorkspace(
            LifNetwork net, int steps, int batch, boolean constantInput, boolean dropout) {
        if (steps < 2)
            throw new IllegalArgumentException(
                    "steps must be >= 2 (every connection delays by one step), got " + steps);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        DataType type = net.dataType();
        this.net = net;
        this.steps = steps;
        this.batch = batch;
        this.input =
                constantInput
                        ? LayerInput.ofConstant(Nd4j.create(type, batch, net.inputs()))
                        : LayerInput.ofSteps(
                                new StepBlocks(
                                        Nd4j.create(type, (long) steps * batch, net.inputs()),
                                        steps,
                                        batch));
        this.layers = new LayerBuffers[net.depth()];
        this.passes = new LayerPass[net.depth()];
        for (int l = 0; l < layers.length; l++) {
            Layer layer = net.layer(l);
            layers[l] =
                    new LayerBuffers(
                            type,
                            steps,
                            batch,
                            layer.neurons(),
                            layer.spiking(),
                            layer.outputSize(),
                            dropout && l < net.hiddenLayers());
            // Steps whose spikes can still reach the scores within the window, over the shortest
            // path to the output.
            int observed = Math.max(2, steps - net.distanceToOutput(l));
            List<Integer> from = net.sourcesOf(l);
            if (from.size() == 1) {
                int s = from.get(0);
                LayerInput in = s < 0 ? input : LayerInput.ofSteps(layers[s].next());
                passes[l] =
                        new LayerPass(
                                l,
                                layer,
                                layers[l],
                                in,
                                s < 0 ? null : layers[s].nextGrad(),
                                observed);
            } else {
                SummedInput sum = summedInput(from, layer.inputSize(), type);
                passes[l] =
                        new LayerPass(
                                l,
                                layer,
                                layers[l],
                                LayerInput.ofSteps(sum.sum()),
                                sum.grad(),
                                observed,
                                sum);
            }
        }
        this.scores = new ScoreReadout(net.score(), layers[layers.length - 1]);
    }

    private SummedInput summedInput(List<Integer> from, int width, DataType type) {
        List<StepBlocks> outputs = new ArrayList<>(), grads = new ArrayList<>();
        for (int s : from) {
            if (s < 0) continue;
            outputs.add(layers[s].next());
            grads.add(layers[s].nextGrad());
        }
        return new SummedInput(
                outputs,
                grads,
                from.contains(-1) ? input : null,
                blocks(type, width),
                blocks(type, width));
    }

    private StepBlocks blocks(DataType type, int width) {
        return new StepBlocks(Nd4j.create(type, (long) steps * batch, width), steps, batch);
    }

    public LifNetwork network() {
        return net;
    }

    public int steps() {
        return steps;
    }

    public int batch() {
        return batch;
    }

    /** The encoded input layer 0 reads. */
    public LayerInput input() {
        return input;
    }

    public LayerBuffers layer(int l) {
        return layers[l];
    }

    /**
     * Layer l's buffers as the last pass with these options used them: all steps, or only the
     * observed ones.
     */
    public LayerBuffers layer(int l, EngineOptions options) {
        return passes[l].buffers(options);
    }

    public int depth() {
        return layers.length;
    }

    LayerPass pass(int l) {
        return passes[l];
    }

    /** Reads the class scores after a forward pass and takes their gradient. */
    public ScoreReadout scores() {
        return scores;
    }

    /**
     * Zeroes the gradient buffers loss terms and layers accumulate into (see {@link
     * LayerBuffers#clearGradients}).
     */
    public void clearGradients() {
        for (LayerBuffers b : layers) b.clearGradients();
    }
}
