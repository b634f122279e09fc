package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Exponential (Laplace) surrogate: dz/dx = γ·exp(−2|s·x|). */
public record Exponential(double gamma, double sharpness) implements ShapedSurrogate {
    public static final String SHAPE = "exponential";

    public Exponential {
        ShapedSurrogate.check(gamma, sharpness);
    }

    @Override
    public String shape() {
        return SHAPE;
    }

    @Override
    public Exponential with(double gamma, double sharpness) {
        return new Exponential(gamma, sharpness);
    }

    /** (γ/s)·(½ + ½·sign(x)·(1 − exp(−2s|x|))). */
    @Override
    public INDArray value(INDArray x, INDArray out) {
        INDArray odd = abs(x, x.dup());
        reverseSub(1, exp(scale(odd, -2 * sharpness, odd)));
        return symmetricStep(x, odd, gamma / sharpness, out);
    }

    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        abs(x, out);
        exp(scale(out, -2 * sharpness, out));
        return scale(out, gamma, out);
    }

    @Override
    public double derivative(double x) {
        return gamma * Math.exp(-2 * Math.abs(sharpness * x));
    }

    @Override
    public double value(double x) {
        return gamma
                / sharpness
                * (0.5 + 0.5 * Math.signum(x) * (1 - Math.exp(-2 * sharpness * Math.abs(x))));
    }

    @Override
    public double unitRadius(double tolerance) {
        return Math.log(1 / tolerance) / 2;
    }
}
