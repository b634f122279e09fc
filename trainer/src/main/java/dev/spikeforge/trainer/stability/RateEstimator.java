package dev.spikeforge.trainer.stability;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The firing rate a layer is expected to start with (zero biases), by simulating the trainer's LIF
 * recurrence for a population of neurons whose drive has the statistics the chosen weights give. A
 * neuron's drive is a part fixed for the sample (its weights against the inputs' per-sample means:
 * variance n_in·E[W²]·E[m²]) plus a part drawn anew each step (the rest of n_in·E[W²]·E[x²]);
 * recurrent layers add n_rec·mean(W_rec)·r̄ and the recurrent input's variance at their own rate
 * r̄, found by iterating. Layer l hears nothing before step l + 1 (one step of delay per
 * connection), as in the engine, and the rate counts every step, like the trainer's. Deeper layers'
 * inputs come from the simulated population below (its per-neuron rates).
 */
final class RateEstimator {
    private static final int RECURRENT_ITERATIONS = 6;

    private RateEstimator() {}

    static List<LayerChoice> estimate(
            StabilityProblem p, List<LayerChoice> choices, int neurons, long seed) {
        List<LayerChoice> out = new ArrayList<>();
        InputStatistics in = p.input();
        for (int l = 0; l < choices.size(); l++) {
            LayerChoice c = choices.get(l);
            if (!c.spiking()) {
                out.add(c);
                continue;
            }
            double w2 = c.weightStd() * c.weightStd() + c.weightMean() * c.weightMean();
            int nIn = c.layer().fanIn();
            double staticVar = nIn * w2 * in.staticSecondMoment();
            double dynamicVar =
                    Math.max(0, nIn * w2 * (in.secondMoment() - in.staticSecondMoment()));
            double staticMean = nIn * c.weightMean() * in.mean();
            double[] rates = null;
            double rbar = 0;
            int iterations = c.recurrent() ? RECURRENT_ITERATIONS : 1;
            for (int it = 0; it < iterations; it++) {
                double mean = staticMean, dyn = dynamicVar;
                if (c.recurrent()) {
                    int n = c.layer().size();
                    double m = c.recurrentMean(), v2 = c.recurrentStd() * c.recurrentStd() + m * m;
                    mean += n * m * rbar;
                    dyn += Math.max(0, n * (v2 * rbar - m * m * rbar * rbar));
                }
                rates =
                        simulate(
                                p.neuron(),
                                mean,
                                staticVar,
                                dyn,
                                l,
                                p.steps(),
                                neurons,
                                seed + 7919L * l);
                double r = average(rates);
                rbar =
                        it == 0
                                ? r
                                : (rbar + r)
                                        / 2; // damped: a rate and the recurrent drive it causes
                // feed back
            }
            double rate = average(rates);
            out.add(c.withExpectedRate(rate));
            in = fromRates(rates, c.layer().pool());
        }
        return out;
    }

    /** Per-neuron rates of {@code neurons} LIF neurons over {@code steps} steps. */
    static double[] simulate(
            FloatLif n,
            double mean,
            double staticVar,
            double dynamicVar,
            int delay,
            int steps,
            int neurons,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double keepU = 1 - n.du(),
                keepV = 1 - n.dv(),
                theta = n.threshold(),
                sStatic = Math.sqrt(staticVar),
                sDyn = Math.sqrt(dynamicVar);
        boolean toZero = n.reset() == Reset.TO_ZERO;
        double[] rates = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            double fixed = mean + sStatic * random.nextGaussian();
            double u = 0, v = 0;
            int spikes = 0;
            for (int t = 0; t < steps; t++) {
                double a = t <= delay ? 0 : fixed + sDyn * random.nextGaussian();
                u = u * keepU + a;
                v = v * keepV + u;
                if (v > theta) {
                    spikes++;
                    v = toZero ? 0 : v - theta;
                }
            }
            rates[j] = spikes / (double) steps;
        }
        return rates;
    }

    /** The next layer's input: spikes at these rates, summed over pool × pool windows. */
    static InputStatistics fromRates(double[] rates, int pool) {
        double mean = average(rates), sq = 0;
        for (double r : rates) sq += r * r;
        sq /= rates.length;
        double k = (double) pool * pool;
        double second = k * mean + k * (k - 1) * mean * mean;
        double fixed = Math.min(second, k * sq + k * (k - 1) * mean * mean);
        // A silent layer still needs a positive second moment for the statistics record; the next
        // layer gets no drive.
        return new InputStatistics(
                k * mean,
                Math.max(second, 1e-12),
                Math.min(fixed, Math.max(second, 1e-12)),
                "simulated layer below");
    }

    static double average(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return x.length == 0 ? 0 : s / x.length;
    }
}
