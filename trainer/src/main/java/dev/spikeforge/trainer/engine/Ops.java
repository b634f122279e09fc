package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The in-place ND4J primitives the engine is written in, each writing into a caller-owned array (no
 * array is allocated). Arrays are contiguous row blocks of C-order buffers, so BLAS sees them as
 * plain vectors.
 */
final class Ops {
    private Ops() {}

    /** y += alpha · x */
    static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
    }

    /** out = x ⊙ y */
    static void mul(INDArray x, INDArray y, INDArray out) {
        Nd4j.getExecutioner().exec(new MulOp(x, y, out));
    }

    /**
     * out = (x > threshold) ? 1 : 0, strictly greater as in {@link dev.spikeforge.neuron.FloatLif}.
     */
    static void heaviside(INDArray x, double threshold, INDArray out) {
        Nd4j.getExecutioner().exec(new Step(x, out, threshold));
    }

    /** out = c − x */
    static void reverseSub(double c, INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new ScalarReverseSubtraction(x, out, c));
    }

    /** out = x − c */
    static void sub(INDArray x, double c, INDArray out) {
        Nd4j.getExecutioner().exec(new ScalarSubtraction(x, null, out, c));
    }

    /**
     * c = a·b with optional transposes; beta = 1 accumulates into c. Split over the kernel threads
     * when large.
     */
    static void gemm(
            INDArray a,
            INDArray b,
            INDArray c,
            boolean transposeA,
            boolean transposeB,
            double beta) {
        ParallelGemm.gemm(a, b, c, transposeA, transposeB, beta);
    }

    /** Σ x·y over all elements (BLAS dot; both contiguous and of equal length). */
    static double dot(INDArray x, INDArray y) {
        return Nd4j.getBlasWrapper().level1().dot(x.length(), 1.0, x, y);
    }

    /** rows[r] = row for every row r of a [R, n] array; row is [n] or [1, n]. */
    static void copyToRows(INDArray row, INDArray rows) {
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(rows, row, rows, 1));
    }

    /** x[r, c, k] += v[c] for a [R, C, K] view. */
    static void addAlong1(INDArray x3, INDArray v) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(x3, v, x3, 1));
    }

    /** x[r, c, k] −= v[c] for a [R, C, K] view. */
    static void subAlong1(INDArray x3, INDArray v) {
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x3, v, x3, 1));
    }

    /**
     * Rows r0 … r1−1 of a [rows, n] array whose rows are contiguous, as a view made straight on its
     * buffer. ND4J's own interval view of a view that has an offset comes out empty when it reaches
     * the view's last row.
     */
    static INDArray rows(INDArray a, long r0, long r1) {
        long n = a.columns();
        if (a.rank() != 2 || a.stride(1) != 1 || a.stride(0) != n)
            throw new IllegalArgumentException("rows of a non-contiguous array");
        if (r0 < 0 || r1 > a.rows() || r0 > r1)
            throw new IndexOutOfBoundsException("rows " + r0 + ".." + r1 + " of " + a.rows());
        return Nd4j.create(
                a.data(), new long[] {r1 - r0, n}, new long[] {n, 1}, a.offset() + r0 * n, 'c');
    }

    /** out = Σ of x over the given dimensions. */
    static void sum(INDArray x, INDArray out, int... dimensions) {
        Nd4j.getExecutioner().exec(new Sum(x, out, dimensions));
    }
}
