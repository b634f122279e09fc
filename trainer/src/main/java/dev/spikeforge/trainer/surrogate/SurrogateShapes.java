package dev.spikeforge.trainer.surrogate;

import java.util.List;

/**
 * The shaped family by name, as the command line and {@link dev.spikeforge.proto.SurrogateSpec}
 * spell it.
 */
public final class SurrogateShapes {
    private SurrogateShapes() {}

    /**
     * Every shape of methods.md §1, the default first; AdaLi ({@value AdaLi#SHAPE}) is separate
     * (its own parameters).
     */
    public static final List<String> NAMES =
            List.of(
                    FastSigmoid.SHAPE,
                    Triangular.SHAPE,
                    Exponential.SHAPE,
                    SigmoidDerivative.SHAPE,
                    Gaussian.SHAPE,
                    Rectangular.SHAPE,
                    Cauchy.SHAPE,
                    QPseudoSpike.SHAPE);

    /**
     * @param tailFatness q, used only by {@value QPseudoSpike#SHAPE} (0 there means {@link
     *     QPseudoSpike#DEFAULT_Q})
     * @throws IllegalArgumentException naming the shape or parameter that is wrong
     */
    public static ShapedSurrogate create(
            String shape, double gamma, double sharpness, double tailFatness) {
        return switch (shape) {
            case FastSigmoid.SHAPE -> new FastSigmoid(gamma, sharpness);
            case Triangular.SHAPE -> new Triangular(gamma, sharpness);
            case Exponential.SHAPE -> new Exponential(gamma, sharpness);
            case SigmoidDerivative.SHAPE -> new SigmoidDerivative(gamma, sharpness);
            case Gaussian.SHAPE -> new Gaussian(gamma, sharpness);
            case Rectangular.SHAPE -> new Rectangular(gamma, sharpness);
            case Cauchy.SHAPE -> new Cauchy(gamma, sharpness);
            case QPseudoSpike.SHAPE ->
                    new QPseudoSpike(
                            gamma,
                            sharpness,
                            tailFatness == 0 ? QPseudoSpike.DEFAULT_Q : tailFatness);
            default ->
                    throw new IllegalArgumentException(
                            "unknown surrogate shape '"
                                    + shape
                                    + "' (known: "
                                    + String.join(", ", NAMES)
                                    + ", "
                                    + AdaLi.SHAPE
                                    + ")");
        };
    }
}
