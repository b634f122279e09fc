package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sigmoid-derivative surrogate: dz/dx = 4γ·σ(4s·x)(1 − σ(4s·x)), computed as the equal γ·(1 −
 * tanh²(2s·x)), which needs no second array.
 */
public record SigmoidDerivative(double gamma, double sharpness) implements ShapedSurrogate {
    public static final String SHAPE = "sigmoid";

    public SigmoidDerivative {
        ShapedSurrogate.check(gamma, sharpness);
    }

    @Override
    public String shape() {
        return SHAPE;
    }

    @Override
    public SigmoidDerivative with(double gamma, double sharpness) {
        return new SigmoidDerivative(gamma, sharpness);
    }

    /** (γ/s)·σ(4s·x) = (γ/s)·(½ + ½·tanh(2s·x)). */
    @Override
    public INDArray value(INDArray x, INDArray out) {
        tanh(scale(x, 2 * sharpness, out));
        return add(scale(out, 0.5 * gamma / sharpness, out), 0.5 * gamma / sharpness);
    }

    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        square(tanh(scale(x, 2 * sharpness, out)));
        return scale(reverseSub(1, out), gamma, out);
    }

    @Override
    public double derivative(double x) {
        double sig = 1 / (1 + Math.exp(-4 * sharpness * x));
        return 4 * gamma * sig * (1 - sig);
    }

    @Override
    public double value(double x) {
        return gamma / sharpness / (1 + Math.exp(-4 * sharpness * x));
    }

    /** γ·sech²(2s·x) = tolerance·γ ⇔ cosh(2s·x) = tolerance^(−½). */
    @Override
    public double unitRadius(double tolerance) {
        double c = 1 / Math.sqrt(tolerance);
        return Math.log(c + Math.sqrt(c * c - 1)) / 2;
    }
}
