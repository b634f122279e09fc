package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.ConvShape;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Sum pooling of a conv layer's spikes over non-overlapping p × p windows. The map [C, H, W] is viewed as
 * [C, H/p, p, W/p, p], so pooling is one sum over the two window axes and its adjoint p² strided copies and one add.
 */
final class SumPool {
    private final ConvShape shape;

    SumPool(ConvShape shape) {
        this.shape = shape;
    }

    void forward(StepBlocks spikes, StepBlocks pooled) {
        Ops.sum(windows(spikes.all()), pooled.all().reshape(pooled.all().rows(), shape.outChannels(), shape.pooledHeight(), shape.pooledWidth()), 3, 5);
    }

    /**
     * grad += dL/d(pooled), spread over each window: p² strided copies into {@code scratch}, then one contiguous add
     * (a broadcast add over the strided window view is ~5× slower in ND4J).
     */
    void backward(StepBlocks pooledGrad, StepBlocks grad, StepBlocks scratch) {
        INDArray g = pooledGrad.all();
        INDArray source = g.reshape(g.rows(), shape.outChannels(), shape.pooledHeight(), shape.pooledWidth());
        INDArray target = windows(scratch.all());
        for (int py = 0; py < shape.pool(); py++) {
            for (int px = 0; px < shape.pool(); px++) {
                target.get(all(), all(), all(), point(py), all(), point(px)).assign(source);
            }
        }
        grad.all().addi(scratch.all());
    }

    private INDArray windows(INDArray rows) {
        int p = shape.pool();
        return rows.reshape(rows.rows(), shape.outChannels(), shape.pooledHeight(), p, shape.pooledWidth(), p);
    }
}
