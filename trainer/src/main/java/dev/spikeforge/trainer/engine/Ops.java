package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/** The few in-place ND4J primitives the engine is written in, each writing into a caller-owned array (no allocation). */
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

    /** out = (x > threshold) ? 1 : 0, strictly greater as in {@link dev.spikeforge.neuron.FloatLif}. */
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

    /** c = a·b with optional transposes; beta = 1 accumulates into c. */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
    }
}
