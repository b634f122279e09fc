package dev.spikeforge.trainer.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ATan;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;

/**
 * Elementwise ND4J passes the surrogates are written in. Each writes into {@code out} (which may be
 * its input) and allocates nothing, so a derivative over a whole [T·B, n] block is a handful of
 * native loops.
 */
final class SurrogateOps {
    private SurrogateOps() {}

    static INDArray scale(INDArray x, double c, INDArray out) {
        Nd4j.getExecutioner().exec(new ScalarMultiplication(x, null, out, c));
        return out;
    }

    static INDArray add(INDArray x, double c) {
        Nd4j.getExecutioner().exec(new ScalarAdd(x, null, x, c));
        return x;
    }

    /** x = c − x */
    static INDArray reverseSub(double c, INDArray x) {
        Nd4j.getExecutioner().exec(new ScalarReverseSubtraction(x, x, c));
        return x;
    }

    /** x = c / x */
    static INDArray reverseDiv(double c, INDArray x) {
        Nd4j.getExecutioner().exec(new ScalarReverseDivision(x, null, x, c));
        return x;
    }

    static INDArray abs(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new Abs(x, out));
        return out;
    }

    static INDArray sign(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new Sign(x, out));
        return out;
    }

    static INDArray square(INDArray x) {
        Nd4j.getExecutioner().exec(new MulOp(x, x, x));
        return x;
    }

    static INDArray mul(INDArray x, INDArray y) {
        Nd4j.getExecutioner().exec(new MulOp(x, y, x));
        return x;
    }

    static INDArray exp(INDArray x) {
        Nd4j.getExecutioner().exec(new Exp(x, x));
        return x;
    }

    static INDArray tanh(INDArray x) {
        Nd4j.getExecutioner().exec(new Tanh(x, x));
        return x;
    }

    static INDArray erf(INDArray x) {
        Nd4j.getExecutioner().exec(new Erf(x, x));
        return x;
    }

    static INDArray atan(INDArray x) {
        Nd4j.getExecutioner().exec(new ATan(x, x));
        return x;
    }

    static INDArray pow(INDArray x, double p) {
        Nd4j.getExecutioner().exec(new Pow(x, x, p));
        return x;
    }

    /** x = x &gt; c ? 1 : 0 */
    static INDArray step(INDArray x, double c) {
        Nd4j.getExecutioner().exec(new Step(x, x, c));
        return x;
    }

    static INDArray clip(INDArray x, double lo, double hi) {
        Nd4j.getExecutioner().exec(new ScalarMax(x, null, x, lo));
        Nd4j.getExecutioner().exec(new ScalarMin(x, null, x, hi));
        return x;
    }

    /** x[i] = value wherever the condition holds for x[i]. */
    static INDArray set(INDArray x, double value, Condition where) {
        Nd4j.getExecutioner().exec(new CompareAndSet(x, value, where));
        return x;
    }

    static INDArray copy(INDArray x, INDArray out) {
        return out == x ? out : out.assign(x);
    }

    /**
     * (γ/s)·(½ + ½·sign(x)·odd), the step of a symmetric shape whose right half integrates to
     * (γ/s)·½·odd.
     */
    static INDArray symmetricStep(INDArray x, INDArray oddPart, double area, INDArray out) {
        sign(x, out);
        mul(out, oddPart);
        scale(out, 0.5 * area, out);
        return add(out, 0.5 * area);
    }
}
