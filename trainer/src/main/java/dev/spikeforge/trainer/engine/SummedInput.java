package dev.spikeforge.trainer.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input of a layer that reads several sources (SEW-ResNet's ADD): their outputs summed
 * element-wise into a buffer of its own, which the layer's synapses read like any single source.
 * The sum's adjoint hands dL/d(sum) to every source unchanged, added into what the source's other
 * readers put there. A source may be the network's input (constant under direct encoding: added to
 * every step); it gets no gradient.
 */
final class SummedInput {
    private final StepBlocks sum, grad;
    private final List<StepBlocks> outputs,
            outputGrads; // per layer source; the input is kept apart
    private final LayerInput input; // null unless the network's input is a source

    /**
     * @param outputs the source layers' outputs (what they give their readers)
     * @param outputGrads where each of them collects dL/d(output)
     * @param input the network's input when it is one of the sources, else null
     */
    SummedInput(
            List<StepBlocks> outputs,
            List<StepBlocks> outputGrads,
            LayerInput input,
            StepBlocks sum,
            StepBlocks grad) {
        if (outputs.size() + (input == null ? 0 : 1) < 2)
            throw new IllegalArgumentException("a sum needs two sources or more");
        this.outputs = List.copyOf(outputs);
        this.outputGrads = List.copyOf(outputGrads);
        this.input = input;
        this.sum = sum;
        this.grad = grad;
    }

    /** The summed values the layer reads. */
    StepBlocks sum() {
        return sum;
    }

    /** Where the layer's synapses add dL/d(sum). */
    StepBlocks grad() {
        return grad;
    }

    /**
     * sum = Σ sources on the steps a layer running {@code steps} steps reads: 0 … steps − 2,
     * delivered one step later (a source that ran only on the steps its readers need has no later
     * ones).
     */
    void forward(int steps) {
        INDArray out = sum.prefix(steps).head();
        if (outputs.isEmpty()) out.assign(0);
        else out.assign(outputs.get(0).prefix(steps).head());
        for (int k = 1; k < outputs.size(); k++)
            Ops.axpy(1.0, outputs.get(k).prefix(steps).head(), out);
        if (input == null) return;
        if (input.isConstant()) {
            for (int t = 0; t < steps - 1; t++) Ops.axpy(1.0, input.constant(), sum.at(t));
        } else {
            Ops.axpy(1.0, input.steps().prefix(steps).head(), out);
        }
    }

    /** Before the layer's backward pass: dL/d(sum) starts at zero, as the synapses add into it. */
    void clearGradient(int steps) {
        grad.prefix(steps).head().assign(0);
    }

    /** After it: every source layer's dL/d(output) += dL/d(sum), on the same steps. */
    void backward(int steps) {
        INDArray g = grad.prefix(steps).head();
        for (StepBlocks target : outputGrads) Ops.axpy(1.0, g, target.prefix(steps).head());
    }
}
