package dev.spikeforge.trainer.surrogate;

import dev.spikeforge.proto.SurrogateSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A smooth stand-in for the Heaviside spike function H(x), x = v − θ. Backpropagation uses {@link
 * #derivative}; {@link #value} is the smooth step whose derivative that is (used only by the
 * engine's smooth test mode, where the forward pass itself becomes differentiable so finite
 * differences can check the backward pass). Both array forms write into {@code out}, which may be
 * {@code x} itself, and return it.
 */
public interface Surrogate {
    INDArray value(INDArray x, INDArray out);

    INDArray derivative(INDArray x, INDArray out);

    /** Scalar form of {@link #derivative}, for documentation, plots and tests. */
    double derivative(double x);

    /**
     * out[i] = derivative(x[i] − shift) for i &lt; n, on Java arrays: the engine's fused float
     * kernels call it on tiles of potentials (shift = the threshold). By default the scalar form
     * per element; a shape may compute it in float instead (a loop the JIT vectorizes).
     */
    default void derivative(float[] x, float shift, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = (float) derivative((double) (x[i] - shift));
    }

    /** Scalar form of {@link #value}: rises from 0 (x → −∞) to {@link #area()} (x → +∞). */
    double value(double x);

    /** The height of the derivative at its highest (γ for the shaped family). */
    double peak();

    /** ∫ derivative dx (γ/s for the shaped family, a + b for AdaLi). */
    double area();

    /**
     * The x interval in which the derivative exceeds {@code tolerance · peak()} (0 &lt; tolerance
     * &lt; 1). Every surrogate here falls off monotonically on each side of its peak, so "gradient
     * above the tolerance" and "x inside this interval" are the same statement; the chi indicator
     * counts potentials this way.
     */
    ActiveRange activeRange(double tolerance);

    /**
     * The same shape {@code factor} times wider and its peak {@code factor} times lower: the area
     * is kept.
     */
    Surrogate widened(double factor);

    /** What provenance records about this surrogate. */
    SurrogateSpec spec();

    /** One line for logs and provenance, e.g. "fast-sigmoid(gamma=0.5, sharpness=1.0)". */
    String describe();

    /** The surrogate a spec describes (the inverse of {@link #spec()}). */
    static Surrogate fromSpec(SurrogateSpec spec) {
        if (AdaLi.SHAPE.equals(spec.getShape())) {
            return new AdaLi(
                    spec.getWindowLeft(),
                    spec.getWindowRight(),
                    spec.getDampening(),
                    spec.getDampening());
        }
        return SurrogateShapes.create(
                spec.getShape(), spec.getDampening(), spec.getSharpness(), spec.getTailFatness());
    }

    /** x in (lo, hi), relative to the threshold. */
    record ActiveRange(double lo, double hi) {
        public ActiveRange {
            if (!(lo <= 0 && hi >= 0))
                throw new IllegalArgumentException(
                        "an active range contains 0, got (" + lo + ", " + hi + ")");
        }
    }
}
