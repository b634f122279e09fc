package dev.spikeforge.cli.stats;

import java.util.Collection;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * A mean over n seeds with its two-sided 95 % Student-t interval: mean ± t(0.975, n − 1) · s / √n.
 * With one seed the half-width is NaN (no spread to estimate).
 */
public record Interval(int n, double mean, double sd, double halfWidth) {
    public static final double LEVEL = 0.95;

    public static Interval of(Collection<Double> values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) s.addValue(v);
        int n = (int) s.getN();
        if (n == 0) return new Interval(0, Double.NaN, Double.NaN, Double.NaN);
        double sd = n > 1 ? s.getStandardDeviation() : Double.NaN;
        double half =
                n > 1
                        ? new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - LEVEL) / 2)
                                * sd
                                / Math.sqrt(n)
                        : Double.NaN;
        return new Interval(n, s.getMean(), sd, half);
    }

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }

    /** Whether the interval lies wholly above or below {@code x}. */
    public boolean excludes(double x) {
        return !Double.isNaN(halfWidth) && (low() > x || high() < x);
    }
}
