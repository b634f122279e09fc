package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.ConvShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sum pooling of a conv layer's spikes over non-overlapping p × p windows, as one GEMM each way. A
 * pooled row (sample, channel, pooled row y) covers p consecutive rows of the map, p·W contiguous
 * values, so with the spikes viewed as [rows·C·H/p, p·W] pooling is a product with the 0/1 matrix P
 * [p·W, W/p] (P[dy·W + x, x/p] = 1), and its adjoint adds dL/d(pooled) × Pᵀ straight into the spike
 * gradient. Both are exact (sums of 0/1 spikes; each gradient entry is one product with 1 plus
 * zeros), and BLAS runs them on every thread: an ND4J sum over the two window axes was slower than
 * the GEMM even on one thread, and its adjoint needed p² strided copies and an add
 * (docs/benchmarks.md, "Engine design measurements").
 */
final class SumPool {
    private final ConvShape shape;
    private final INDArray windowMatrix; // P [p·W, W/p]

    SumPool(ConvShape shape, org.nd4j.linalg.api.buffer.DataType type) {
        this.shape = shape;
        int p = shape.pool(), w = shape.outWidth();
        windowMatrix = Nd4j.create(type, (long) p * w, shape.pooledWidth());
        for (int dy = 0; dy < p; dy++)
            for (int x = 0; x < w; x++)
                windowMatrix.putScalar(new long[] {(long) dy * w + x, x / p}, 1.0);
    }

    void forward(StepBlocks spikes, StepBlocks pooled) {
        Ops.gemm(
                windowRows(spikes.all()),
                windowMatrix,
                pooledRows(pooled.all()),
                false,
                false,
                0.0);
    }

    /**
     * grad (+)= dL/d(pooled) spread over each window: added when {@code accumulate}, else written.
     */
    void backward(StepBlocks pooledGrad, StepBlocks grad, boolean accumulate) {
        Ops.gemm(
                pooledRows(pooledGrad.all()),
                windowMatrix,
                windowRows(grad.all()),
                false,
                true,
                accumulate ? 1.0 : 0.0);
    }

    /** [rows, C·H·W] as [rows·C·H/p, p·W]: one row per window row. */
    private INDArray windowRows(INDArray rows) {
        return rows.reshape(
                rows.rows() * shape.outChannels() * shape.pooledHeight(),
                (long) shape.pool() * shape.outWidth());
    }

    private INDArray pooledRows(INDArray rows) {
        return rows.reshape(
                rows.rows() * shape.outChannels() * shape.pooledHeight(), shape.pooledWidth());
    }
}
