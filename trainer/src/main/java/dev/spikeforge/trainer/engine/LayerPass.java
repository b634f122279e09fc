package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.ConvLayer;
import dev.spikeforge.trainer.network.DenseLayer;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.RecurrentLayer;

/**
 * One layer's forward and backward pass: (several sources) their sum, then synapses, then neuron
 * dynamics, then (conv) sum pooling of the spikes, then (training with dropout) the mask on what
 * the next layer reads. It runs over all steps, or, when the options allow, only over the steps
 * that can still reach the output layer (see {@link EngineOptions#observedStepsOnly()}).
 */
final class LayerPass {
    private final int index;
    private final Layer layer;
    private final Run all, observed;
    private final SummedInput summed;

    /** The arrays and synapses of one way of running the layer (all steps, or a prefix of them). */
    private record Run(
            LayerBuffers buf, LayerInput input, StepBlocks inputGrad, Synapses synapses) {}

    /**
     * @param inputGrad where dL/d(input) goes; null for the first layer, whose input is data
     * @param observedSteps steps 0 … observedSteps−1 can influence the output layer within the
     *     window
     */
    LayerPass(
            int index,
            Layer layer,
            LayerBuffers buf,
            LayerInput input,
            StepBlocks inputGrad,
            int observedSteps) {
        this(index, layer, buf, input, inputGrad, observedSteps, null);
    }

    /**
     * @param summed a layer with several sources: the sum it reads ({@code input}, {@code
     *     inputGrad} are its buffers)
     */
    LayerPass(
            int index,
            Layer layer,
            LayerBuffers buf,
            LayerInput input,
            StepBlocks inputGrad,
            int observedSteps,
            SummedInput summed) {
        this.index = index;
        this.layer = layer;
        this.summed = summed;
        this.all = new Run(buf, input, inputGrad, synapses(layer));
        int n = observedSteps;
        this.observed =
                n == buf.steps()
                        ? all
                        : new Run(
                                buf.prefix(n),
                                input.isConstant()
                                        ? input
                                        : LayerInput.ofSteps(input.steps().prefix(n)),
                                inputGrad == null ? null : inputGrad.prefix(n),
                                synapses(layer));
    }

    private static Synapses synapses(Layer layer) {
        if (layer instanceof ConvLayer c) return new ConvSynapses(c.weights(), c.shape());
        return new DenseSynapses(layer.weights());
    }

    private NeuronDynamics dynamics() {
        if (layer instanceof ConvLayer c)
            return new FeedForwardLif(
                    c, new BiasTerm(c.bias(), c.shape().outHeight() * c.shape().outWidth()));
        if (layer instanceof RecurrentLayer r)
            return new RecurrentLif(r, new BiasTerm(r.bias(), 1));
        return new FeedForwardLif((DenseLayer) layer, new BiasTerm(layer.bias(), 1));
    }

    private NeuronDynamics dynamics;
    private SumPool pool;
    private boolean poolChecked;

    private Run run(EngineOptions options) {
        if (dynamics == null) dynamics = dynamics();
        if (!poolChecked) {
            pool =
                    layer instanceof ConvLayer c && c.shape().pool() > 1
                            ? new SumPool(c.shape(), c.weights().dataType())
                            : null;
            poolChecked = true;
        }
        return options != null && options.observedStepsOnly() ? observed : all;
    }

    /**
     * The buffers the last pass ran on (a prefix of the layer's when only the observed steps ran).
     */
    LayerBuffers buffers(EngineOptions options) {
        return run(options).buf();
    }

    void forward(EngineOptions options) {
        Run r = run(options);
        if (summed != null) summed.forward(r.buf().steps());
        r.synapses().forward(r.input(), r.buf().potential());
        dynamics.forward(r.buf(), options);
        if (pool != null) pool.forward(r.buf().spikes(), r.buf().output());
        if (r.buf().dropsOut()) {
            DropoutMasks masks = options == null ? null : options.dropout();
            if (masks == null)
                r.buf()
                        .next()
                        .all()
                        .assign(r.buf().output().all()); // e.g. bias pre-tuning: no dropout
            else masks.apply(index, r.buf().output(), r.buf().next());
        }
    }

    void backward(LayerGradients grads, EngineOptions options) {
        Run r = run(options);
        if (r.buf().dropsOut()) {
            // dL/d(output) += mask ⊙ dL/d(next): the next layer's part, kept apart from loss terms'
            // dL/dz until here.
            StepBlocks g = r.buf().nextGrad();
            DropoutMasks masks = options == null ? null : options.dropout();
            if (masks != null) masks.apply(index, g, g);
            Ops.axpy(1.0, g.all(), r.buf().outputGrad().all());
        }
        if (pool != null) pool.backward(r.buf().outputGrad(), r.buf().grad(), !r.buf().gradStale());
        StepBlocks ga = dynamics.backward(r.buf(), grads, options);
        if (summed != null) summed.clearGradient(r.buf().steps());
        r.synapses().backward(ga, r.input(), grads.weights(), r.inputGrad());
        if (summed != null) summed.backward(r.buf().steps());
    }
}
