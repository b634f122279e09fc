package dev.spikeforge.trainer.surrogate;

import static dev.spikeforge.trainer.surrogate.SurrogateOps.*;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * q-PseudoSpike surrogate: dz/dx = γ / (1 + 2|s·x|/(q − 1))^q, q &gt; 1 the tail fatness (smaller
 * q, fatter tails; q = 2 is the fast sigmoid, q → ∞ the exponential).
 */
public record QPseudoSpike(double gamma, double sharpness, double tailFatness)
        implements ShapedSurrogate {
    public static final String SHAPE = "q-pseudospike";

    /**
     * Used when no --tail-fatness is given: thinner tails than the fast sigmoid (q = 2), as seed
     * 000 prefers.
     */
    public static final double DEFAULT_Q = 4.0;

    public QPseudoSpike {
        ShapedSurrogate.check(gamma, sharpness);
        if (!(tailFatness > 1) || Double.isInfinite(tailFatness)) {
            throw new IllegalArgumentException(
                    "q-pseudospike tail fatness q must be > 1, got " + tailFatness);
        }
    }

    @Override
    public String shape() {
        return SHAPE;
    }

    @Override
    public QPseudoSpike with(double gamma, double sharpness) {
        return new QPseudoSpike(gamma, sharpness, tailFatness);
    }

    /** (γ/s)·(½ + ½·sign(x)·(1 − (1 + 2s|x|/(q−1))^(1−q))). */
    @Override
    public INDArray value(INDArray x, INDArray out) {
        INDArray base = abs(x, x.dup());
        add(scale(base, 2 * sharpness / (tailFatness - 1), base), 1);
        INDArray odd = reverseSub(1, pow(base, 1 - tailFatness));
        return symmetricStep(x, odd, gamma / sharpness, out);
    }

    @Override
    public INDArray derivative(INDArray x, INDArray out) {
        abs(x, out);
        add(scale(out, 2 * sharpness / (tailFatness - 1), out), 1);
        return scale(pow(out, -tailFatness), gamma, out);
    }

    @Override
    public double derivative(double x) {
        return gamma * Math.pow(1 + 2 * Math.abs(sharpness * x) / (tailFatness - 1), -tailFatness);
    }

    @Override
    public double value(double x) {
        double tail =
                Math.pow(1 + 2 * sharpness * Math.abs(x) / (tailFatness - 1), 1 - tailFatness);
        return gamma / sharpness * (0.5 + 0.5 * Math.signum(x) * (1 - tail));
    }

    @Override
    public double unitRadius(double tolerance) {
        return (Math.pow(tolerance, -1 / tailFatness) - 1) * (tailFatness - 1) / 2;
    }
}
