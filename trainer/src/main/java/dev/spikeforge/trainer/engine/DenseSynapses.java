package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected synapses, W [n, fanIn]. The one-step delay pairs input steps 0 … T−2 with drive
 * steps 1 … T−1, so the drive of all steps is one matmul. A constant input (direct encoding) is
 * multiplied once and copied to every step; its weight gradient is one matmul with the drive
 * gradient summed over steps.
 */
final class DenseSynapses implements Synapses {
    private final INDArray weights;
    private INDArray once; // [B, n]: W·x for a constant input, or Σ_t ga[t] in backward

    DenseSynapses(INDArray weights) {
        this.weights = weights;
    }

    @Override
    public void forward(LayerInput input, StepBlocks drive) {
        if (input.isConstant()) {
            INDArray d = once(drive);
            Ops.gemm(input.constant(), weights, d, false, true, 0.0);
            Ops.copyToRows(d.reshape(1, d.length()), byStep(drive.tail(), drive.steps() - 1));
        } else {
            Ops.gemm(input.steps().head(), weights, drive.tail(), false, true, 0.0);
        }
        drive.at(0).assign(0);
    }

    @Override
    public void backward(
            StepBlocks ga, LayerInput input, INDArray weightGrad, StepBlocks inputGrad) {
        if (input.isConstant()) {
            INDArray sum = once(ga);
            StepSums.sum(ga, 1, sum);
            Ops.gemm(sum, input.constant(), weightGrad, true, false, 0.0);
            return;
        }
        Ops.gemm(ga.tail(), input.steps().head(), weightGrad, true, false, 0.0);
        if (inputGrad != null) Ops.gemm(ga.tail(), weights, inputGrad.head(), false, false, 1.0);
    }

    private INDArray once(StepBlocks like) {
        if (once == null) once = Nd4j.create(like.all().dataType(), like.batch(), like.width());
        return once;
    }

    /** A contiguous block of whole steps viewed as [steps, B·n]. */
    static INDArray byStep(INDArray rows, int steps) {
        return rows.reshape(steps, rows.length() / steps);
    }
}
