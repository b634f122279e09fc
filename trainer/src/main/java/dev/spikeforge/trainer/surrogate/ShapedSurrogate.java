package dev.spikeforge.trainer.surrogate;

import dev.spikeforge.proto.SurrogateSpec;

/**
 * A member of the symmetric surrogate family (methods.md §1): dz/dx = γ·f(s·x) with f(0) = 1 and ∫f
 * = 1, so every shape peaks at the dampening γ and has area γ/s, the sharpness s being the inverse
 * width.
 */
public interface ShapedSurrogate extends Surrogate {
    /** The name used on the command line and in {@link SurrogateSpec#getShape()}. */
    String shape();

    /** γ, the peak height. */
    double gamma();

    /** s, the inverse width. */
    double sharpness();

    /** q of the q-PseudoSpike shape, 0 for the others. */
    default double tailFatness() {
        return 0;
    }

    /** The same shape with another dampening and sharpness. */
    ShapedSurrogate with(double gamma, double sharpness);

    @Override
    default double peak() {
        return gamma();
    }

    @Override
    default double area() {
        return gamma() / sharpness();
    }

    @Override
    default ShapedSurrogate widened(double factor) {
        if (!(factor > 0))
            throw new IllegalArgumentException("widening factor must be > 0, got " + factor);
        return with(gamma() / factor, sharpness() / factor);
    }

    /**
     * The |x| beyond which the derivative is at most tolerance·γ, in units of 1/s: the radius for s
     * = 1.
     */
    double unitRadius(double tolerance);

    @Override
    default ActiveRange activeRange(double tolerance) {
        if (!(tolerance > 0 && tolerance < 1))
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        double r = unitRadius(tolerance) / sharpness();
        return new ActiveRange(-r, r);
    }

    @Override
    default SurrogateSpec spec() {
        return SurrogateSpec.newBuilder()
                .setShape(shape())
                .setDampening((float) gamma())
                .setSharpness((float) sharpness())
                .setTailFatness((float) tailFatness())
                .build();
    }

    @Override
    default String describe() {
        return shape()
                + "(gamma="
                + gamma()
                + ", sharpness="
                + sharpness()
                + (tailFatness() > 0 ? ", q=" + tailFatness() : "")
                + ")";
    }

    /** The constructor check every shape shares. */
    static void check(double gamma, double sharpness) {
        if (!(gamma > 0) || Double.isInfinite(gamma))
            throw new IllegalArgumentException(
                    "surrogate dampening (gamma) must be > 0, got " + gamma);
        if (!(sharpness > 0) || Double.isInfinite(sharpness))
            throw new IllegalArgumentException("surrogate sharpness must be > 0, got " + sharpness);
    }
}
