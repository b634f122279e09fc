package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Gaussian surrogate: dz/dx = γ·exp(−π(s·x)²); its step is (γ/s)·½(1 + erf(√π·s·x)). */
public record Gaussian(double gamma, double sharpness) implements ShapedSurrogate {
    public static final String SHAPE = "gaussian";

    public Gaussian {
        ShapedSurrogate.check(gamma, sharpness);
    }

    @Override
    public String shape() {
        return SHAPE;
    }

    @Override
    public Gaussian with(double gamma, double sharpness) {
        return new Gaussian(gamma, sharpness);
    }

    @Override
    public INDArray value(INDArray x, INDArray out) {
        erf(scale(x, Math.sqrt(Math.PI) * sharpness, out));
        return add(scale(out, 0.5 * gamma / sharpness, out), 0.5 * gamma / sharpness);
    }

    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        square(scale(x, sharpness, out));
        exp(scale(out, -Math.PI, out));
        return scale(out, gamma, out);
    }

    @Override
    public double derivative(double x) {
        double y = sharpness * x;
        return gamma * Math.exp(-Math.PI * y * y);
    }

    @Override
    public double value(double x) {
        return gamma / sharpness * 0.5 * (1 + Erf.erf(Math.sqrt(Math.PI) * sharpness * x));
    }

    @Override
    public double unitRadius(double tolerance) {
        return Math.sqrt(Math.log(1 / tolerance) / Math.PI);
    }
}
