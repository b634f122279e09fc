package dev.spikeforge.trainer.surrogate;

/**
 * erf for the scalar Gaussian step (the JDK has none): series near 0, continued fraction of erfc
 * further out.
 */
final class Erf {
    private Erf() {}

    static double erf(double x) {
        if (x < 0) return -erf(-x);
        if (x < 2.5) {
            // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)); converges quickly for x < 2.5
            double sum = 0, term = x;
            for (int n = 0; n < 200; n++) {
                double t = term / (2 * n + 1);
                sum += t;
                if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
                term *= -x * x / (n + 1);
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        // erfc x = exp(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + 2/(x + …))))), evaluated bottom-up
        double f = x;
        for (int k = 60; k >= 1; k--) f = x + k / 2.0 / f;
        return 1 - Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
