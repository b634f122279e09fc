package dev.spikeforge.trainer.stability;

import dev.spikeforge.trainer.surrogate.Surrogate;

/**
 * E_m(s): the mean of SG(x)^m over the voltage range a layer can reach, x = v − θ. That range is
 * taken as 0 ≤ v ≤ 2θ, i.e. x in [−θ, θ]: a neuron starts at rest (0); either reset returns one
 * that fired to [0, θ); and the stable statistics aim at a one-step drive of about one threshold,
 * so ṽ rarely passes 2θ. The mean is the integral over that interval divided by its length 2θ
 * (composite Simpson, {@value #INTERVALS} intervals).
 */
public final class SurrogateMoments {
    static final int INTERVALS = 2000;

    private SurrogateMoments() {}

    public static double moment(Surrogate sg, double threshold, int m) {
        if (!(threshold > 0))
            throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
        double a = -threshold, h = 2 * threshold / INTERVALS, sum = 0;
        for (int i = 0; i <= INTERVALS; i++) {
            double w = i == 0 || i == INTERVALS ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += w * Math.pow(sg.derivative(a + i * h), m);
        }
        return sum * h / 3 / (2 * threshold);
    }
}
