package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Rectangular (boxcar) surrogate: dz/dx = γ for |2s·x| &lt; 1, else 0. */
public record Rectangular(double gamma, double sharpness) implements ShapedSurrogate {
    public static final String SHAPE = "rectangular";

    public Rectangular {
        ShapedSurrogate.check(gamma, sharpness);
    }

    @Override
    public String shape() {
        return SHAPE;
    }

    @Override
    public Rectangular with(double gamma, double sharpness) {
        return new Rectangular(gamma, sharpness);
    }

    /** (γ/s)·clip(s·x + ½, 0, 1). */
    @Override
    public INDArray value(INDArray x, INDArray out) {
        clip(add(scale(x, sharpness, out), 0.5), 0, 1);
        return scale(out, gamma / sharpness, out);
    }

    /** γ·1[1/(2s) − |x| &gt; 0]. */
    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        step(reverseSub(0.5 / sharpness, abs(x, out)), 0);
        return scale(out, gamma, out);
    }

    @Override
    public double derivative(double x) {
        return Math.abs(2 * sharpness * x) < 1 ? gamma : 0;
    }

    @Override
    public double value(double x) {
        return gamma / sharpness * Math.max(0, Math.min(1, sharpness * x + 0.5));
    }

    @Override
    public double unitRadius(double tolerance) {
        return 0.5;
    }
}
