package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds a layer's bias to [rows, neurons] blocks and sums its gradient back: one bias per neuron for
 * dense layers, one per channel (shared by the channel's {@code groupSize} positions) for conv
 * layers.
 */
final class BiasTerm {
    private final INDArray bias, biasVector;
    private final int groups, groupSize;
    private INDArray ones;
    private float[] perNeuron;

    BiasTerm(INDArray bias, int groupSize) {
        this.bias = bias;
        this.biasVector = bias.reshape(bias.length());
        this.groups = (int) bias.length();
        this.groupSize = groupSize;
    }

    /**
     * The bias of every neuron (a conv channel's repeated over its positions), refreshed from the
     * live parameters.
     */
    float[] perNeuron() {
        float[] b = biasVector.toFloatVector();
        if (groupSize == 1) return b;
        if (perNeuron == null) perNeuron = new float[groups * groupSize];
        for (int c = 0; c < groups; c++)
            java.util.Arrays.fill(perNeuron, c * groupSize, (c + 1) * groupSize, b[c]);
        return perNeuron;
    }

    void add(INDArray rows) {
        if (groupSize == 1) rows.addiRowVector(bias);
        else Ops.addAlong1(grouped(rows), biasVector);
    }

    void subtract(INDArray rows) {
        if (groupSize == 1) rows.subiRowVector(bias);
        else Ops.subAlong1(grouped(rows), biasVector);
    }

    /**
     * out [1, groups] = Σ of g over steps and samples (and over each channel's positions). The
     * steps are summed by contiguous axpys into {@code acc} [B, n]: a column reduction over all T·B
     * rows is several times slower.
     */
    void gradient(StepBlocks g, INDArray acc, INDArray out) {
        StepSums.sum(g, 0, acc);
        if (groupSize == 1) {
            if (ones == null) ones = Nd4j.ones(acc.dataType(), 1, acc.rows());
            Ops.gemm(ones, acc, out, false, false, 0.0);
        } else {
            Ops.sum(grouped(acc), out.reshape(out.length()), 0, 2);
        }
    }

    private INDArray grouped(INDArray rows) {
        return rows.reshape(rows.rows(), groups, groupSize);
    }
}
