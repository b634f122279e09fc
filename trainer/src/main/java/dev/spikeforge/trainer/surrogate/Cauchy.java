package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cauchy surrogate (snnTorch's arctan, up to scale): dz/dx = γ / (1 + (π·s·x)²); its step is
 * (γ/s)(½ + atan(π·s·x)/π).
 */
public record Cauchy(double gamma, double sharpness) implements ShapedSurrogate {
    public static final String SHAPE = "cauchy";

    public Cauchy {
        ShapedSurrogate.check(gamma, sharpness);
    }

    @Override
    public String shape() {
        return SHAPE;
    }

    @Override
    public Cauchy with(double gamma, double sharpness) {
        return new Cauchy(gamma, sharpness);
    }

    @Override
    public INDArray value(INDArray x, INDArray out) {
        atan(scale(x, Math.PI * sharpness, out));
        return add(scale(out, gamma / sharpness / Math.PI, out), 0.5 * gamma / sharpness);
    }

    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        add(square(scale(x, Math.PI * sharpness, out)), 1);
        return reverseDiv(gamma, out);
    }

    @Override
    public double derivative(double x) {
        double y = Math.PI * sharpness * x;
        return gamma / (1 + y * y);
    }

    @Override
    public double value(double x) {
        return gamma / sharpness * (0.5 + Math.atan(Math.PI * sharpness * x) / Math.PI);
    }

    @Override
    public double unitRadius(double tolerance) {
        return Math.sqrt(1 / tolerance - 1) / Math.PI;
    }
}
