package dev.spikeforge.trainer.stability;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses, per layer, weight statistics and the surrogate's sharpness s and dampening γ so the
 * expected squared Jacobian of one LIF step is 1 (methods.md §2, seed 000), with α = 1 − dv and θ
 * the threshold:
 *
 * <ul>
 *   <li>feed-forward weights (Glorot/He style): mean 0, E[W_in²] = 1 / (n_in·E[x²]), so the drive's
 *       second moment n_in·E[W_in²]·E[x²] is 1. E[x²] = σ_x² + μ_x² is the data's for the first
 *       layer and 1/2 for spikes (μ_x = 1/2, σ_x² = 1/4): then E[W²] = 2/n_in, He's rule;
 *   <li>recurrent weights: mean (3 − 2α)θ / (n_rec − 1), variance (σ_x² + μ_x²)·Var(W_in)·n_in /
 *       (n_rec − 1) − mean²/2;
 *   <li>sharpness: the root in [{@value #S_MIN}, {@value #S_MAX}] (at γ = 1) of f(s, γ) = −1 + α² +
 *       ((n_rec − 1)·E[W_rec²] + θ²)·E₂(s) (+ n_in·E[W_in²]·E₁(s) for every layer after the first),
 *       E_m the mean of SG^m over x in [−θ, θ] ({@link SurrogateMoments}). E_m scales with γ^m, so
 *       when no s in the range is a root, s is the end of the range nearest one (f falls as s
 *       grows) and γ solves the quadratic f(s, γ) = 0 there;
 *   <li>expected initial rate: {@link RateEstimator}, with zero biases.
 * </ul>
 */
public final class StabilitySolver {
    public static final double S_MIN = 0.3, S_MAX = 1.6;
    private static final int GRID = 130, BISECTIONS = 60;
    private static final int RATE_NEURONS = 2048;

    private StabilitySolver() {}

    public static StabilityPlan solve(StabilityProblem p, long seed) {
        double alpha = p.alpha(), theta = p.threshold();
        List<LayerChoice> out = new ArrayList<>();
        InputStatistics in = p.input();
        for (int l = 0; l < p.layers().size(); l++) {
            StabilityProblem.Layer layer = p.layers().get(l);
            double ffSecond = 1 / (layer.fanIn() * in.secondMoment());
            double recMean = Double.NaN, recStd = Double.NaN, recTerm = 0;
            if (layer.recurrent()) {
                int n = layer.size();
                recMean = recurrentMean(alpha, theta, n);
                double var = recurrentVariance(in, ffSecond, layer.fanIn(), n, recMean);
                recStd = Math.sqrt(var);
                recTerm = (n - 1) * (var + recMean * recMean);
            }
            double s = Double.NaN, gamma = Double.NaN, residual = Double.NaN;
            String reason = "readout: no spike, no surrogate";
            if (layer.spiking()) {
                double lower = l > 0 ? layer.fanIn() * ffSecond : 0;
                Equation eq = new Equation(p.family(), alpha, theta, recTerm, lower);
                double[] sg = eq.solve();
                s = sg[0];
                gamma = sg[1];
                residual = eq.f(s, gamma);
                reason = eq.reason;
            }
            out.add(
                    new LayerChoice(
                            layer,
                            0.0,
                            Math.sqrt(ffSecond),
                            recMean,
                            recStd,
                            s,
                            gamma,
                            Double.NaN,
                            residual,
                            in,
                            reason));
            in = InputStatistics.pooledSpikes(layer.pool());
        }
        return new StabilityPlan(p, RateEstimator.estimate(p, out, RATE_NEURONS, seed));
    }

    /** (3 − 2α)θ / (n_rec − 1). */
    public static double recurrentMean(double alpha, double theta, int nRec) {
        return (3 - 2 * alpha) * theta / (nRec - 1);
    }

    /** (σ_x² + μ_x²)·Var(W_in)·n_in / (n_rec − 1) − mean²/2; kept above 0. */
    static double recurrentVariance(
            InputStatistics in, double varIn, int nIn, int nRec, double mean) {
        double v = in.secondMoment() * varIn * nIn / (nRec - 1) - mean * mean / 2;
        return Math.max(v, 1e-12);
    }

    /** f(s, γ) for one layer, and its solution. */
    static final class Equation {
        private final SurrogateFamily family;
        private final double alpha, theta, recTerm, lower;
        String reason;

        /**
         * @param recTerm (n_rec − 1)·E[W_rec²], 0 for feed-forward
         * @param lower n_in·E[W_in²] for layers after the first, else 0
         */
        Equation(SurrogateFamily family, double alpha, double theta, double recTerm, double lower) {
            this.family = family;
            this.alpha = alpha;
            this.theta = theta;
            this.recTerm = recTerm;
            this.lower = lower;
        }

        double f(double s, double gamma) {
            double[] e = moments(s);
            return -1
                    + alpha * alpha
                    + (recTerm + theta * theta) * gamma * gamma * e[1]
                    + lower * gamma * e[0];
        }

        /** Ē₁, Ē₂ at γ = 1. */
        double[] moments(double s) {
            var sg = family.create(1.0, s);
            return new double[] {
                SurrogateMoments.moment(sg, theta, 1), SurrogateMoments.moment(sg, theta, 2)
            };
        }

        /** {s, γ}. */
        double[] solve() {
            double c = alpha * alpha - 1;
            if (c >= 0) {
                reason =
                        "no leak (alpha = 1): the squared Jacobian is at least 1 whatever the"
                                + " surrogate; kept s = "
                                + S_MAX
                                + ", gamma = 1";
                return new double[] {S_MAX, 1.0};
            }
            double prevS = S_MIN, prevF = f(S_MIN, 1);
            for (int i = 1; i <= GRID; i++) {
                double s = S_MIN + (S_MAX - S_MIN) * i / GRID, fs = f(s, 1);
                if (prevF == 0) return root(prevS);
                if (Math.signum(fs) != Math.signum(prevF)) return root(bisect(prevS, prevF, s));
                prevS = s;
                prevF = fs;
            }
            double fMin = f(S_MIN, 1);
            double s =
                    fMin < 0
                            ? S_MIN
                            : S_MAX; // f < 0 everywhere: widest; f > 0 everywhere: sharpest
            double[] e = moments(s);
            double a = (recTerm + theta * theta) * e[1], b = lower * e[0];
            double gamma = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
            reason =
                    String.format(
                            java.util.Locale.ROOT,
                            "f %s 0 on all of [%.1f, %.1f] at gamma = 1: s = %.1f (%s), gamma"
                                    + " solves f(s, gamma) = 0",
                            fMin < 0 ? "<" : ">",
                            S_MIN,
                            S_MAX,
                            s,
                            fMin < 0 ? "widest" : "sharpest");
            return new double[] {s, gamma};
        }

        private double[] root(double s) {
            reason =
                    String.format(
                            java.util.Locale.ROOT, "root of f(s, 1) in [%.1f, %.1f]", S_MIN, S_MAX);
            return new double[] {s, 1.0};
        }

        private double bisect(double lo, double fLo, double hi) {
            for (int i = 0; i < BISECTIONS; i++) {
                double mid = (lo + hi) / 2, fm = f(mid, 1);
                if (fm == 0) return mid;
                if (Math.signum(fm) == Math.signum(fLo)) {
                    lo = mid;
                    fLo = fm;
                } else {
                    hi = mid;
                }
            }
            return (lo + hi) / 2;
        }
    }
}
