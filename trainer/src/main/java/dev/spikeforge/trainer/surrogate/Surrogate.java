package dev.spikeforge.trainer.surrogate;

import dev.spikeforge.proto.SurrogateSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A smooth stand-in for the Heaviside spike function H(x), x = v − θ. Backpropagation uses {@link #derivative};
 * {@link #value} is the smooth step whose derivative that is (used only by the engine's smooth test mode, where
 * the forward pass itself becomes differentiable so finite differences can check the backward pass).
 * Both write into {@code out}, which may be {@code x} itself, and return it.
 */
public interface Surrogate {
    INDArray value(INDArray x, INDArray out);

    INDArray derivative(INDArray x, INDArray out);

    /** Scalar form of {@link #derivative}, for documentation, plots and tests. */
    double derivative(double x);

    /** What provenance records about this surrogate. */
    SurrogateSpec spec();

    /** The surrogate a spec describes (the inverse of {@link #spec()}). */
    static Surrogate fromSpec(SurrogateSpec spec) {
        if (FastSigmoid.SHAPE.equals(spec.getShape())) return new FastSigmoid(spec.getDampening(), spec.getSharpness());
        throw new IllegalArgumentException("unknown surrogate shape '" + spec.getShape() + "' (known: " + FastSigmoid.SHAPE + ")");
    }
}
