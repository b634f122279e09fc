package dev.spikeforge.trainer.surrogate;

import dev.spikeforge.proto.SurrogateSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftSignDerivative;

/**
 * Fast-sigmoid surrogate: dz/dx = γ / (1 + 2|s·x|)². Peak γ at x = 0, area γ / s; cheap (no exp) and heavy-tailed,
 * so neurons far from threshold still receive some gradient.
 */
public record FastSigmoid(double gamma, double sharpness) implements Surrogate {
    public static final String SHAPE = "fast-sigmoid";

    public FastSigmoid {
        if (!(gamma > 0)) throw new IllegalArgumentException("surrogate gamma must be > 0, got " + gamma);
        if (!(sharpness > 0)) throw new IllegalArgumentException("surrogate sharpness must be > 0, got " + sharpness);
    }

    /** (γ/s)·(½ + s·x / (1 + 2s|x|)): rises from 0 to γ/s, its derivative is {@link #derivative}. */
    @Override
    public INDArray value(INDArray x, INDArray out) {
        INDArray denominator = x.dup();
        Nd4j.getExecutioner().exec(new Abs(denominator, denominator));
        denominator.muli(2 * sharpness).addi(1);
        Nd4j.getExecutioner().exec(new DivOp(x, denominator, out));
        return out.muli(sharpness).addi(0.5).muli(gamma / sharpness);
    }

    /** γ · softsign'(2s·x), softsign'(y) = 1 / (1 + |y|)²: two or three passes instead of a slow pow. */
    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new ScalarMultiplication(x, null, out, 2 * sharpness));
        Nd4j.getExecutioner().exec(new SoftSignDerivative(out, out));
        return gamma == 1 ? out : out.muli(gamma);
    }

    @Override
    public double derivative(double x) {
        double d = 1 + 2 * Math.abs(sharpness * x);
        return gamma / (d * d);
    }

    @Override
    public SurrogateSpec spec() {
        return SurrogateSpec.newBuilder().setShape(SHAPE).setDampening((float) gamma).setSharpness((float) sharpness).build();
    }
}
