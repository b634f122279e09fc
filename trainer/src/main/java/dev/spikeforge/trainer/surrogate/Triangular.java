package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Triangular surrogate: dz/dx = γ·max(0, 1 − |s·x|). Compact support |x| &lt; 1/s. */
public record Triangular(double gamma, double sharpness) implements ShapedSurrogate {
    public static final String SHAPE = "triangular";

    public Triangular {
        ShapedSurrogate.check(gamma, sharpness);
    }

    @Override
    public String shape() {
        return SHAPE;
    }

    @Override
    public Triangular with(double gamma, double sharpness) {
        return new Triangular(gamma, sharpness);
    }

    /** With y = clip(s·x, −1, 1): (γ/s)·(½ + y − y|y|/2). */
    @Override
    public INDArray value(INDArray x, INDArray out) {
        INDArray y = clip(scale(x, sharpness, out), -1, 1);
        INDArray quadratic = mul(abs(y, y.dup()), y).muli(-0.5);
        return y.addi(quadratic).addi(0.5).muli(gamma / sharpness);
    }

    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        abs(x, out);
        reverseSub(1, scale(out, sharpness, out));
        return scale(clip(out, 0, 1), gamma, out);
    }

    @Override
    public double derivative(double x) {
        return gamma * Math.max(0, 1 - Math.abs(sharpness * x));
    }

    @Override
    public double value(double x) {
        double y = Math.max(-1, Math.min(1, sharpness * x));
        return gamma / sharpness * (0.5 + y - y * Math.abs(y) / 2);
    }

    @Override
    public double unitRadius(double tolerance) {
        return 1 - tolerance;
    }
}
