package dev.spikeforge.trainer.stability;

import dev.spikeforge.trainer.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The solver's choices for every layer of one network, and what to do with them. */
public record StabilityPlan(StabilityProblem problem, List<LayerChoice> layers) {

    public StabilityPlan {
        layers = List.copyOf(layers);
    }

    public LayerChoice layer(int l) {
        return layers.get(l);
    }

    /** The surrogate of each spiking layer, in order (readout skipped). */
    public List<Surrogate> surrogates() {
        List<Surrogate> s = new ArrayList<>();
        for (LayerChoice c : layers)
            if (c.spiking()) s.add(problem.family().create(c.dampening(), c.sharpness()));
        return s;
    }

    /** The initializer that draws weights with these statistics. */
    public StableInitializer initializer() {
        return new StableInitializer(this);
    }

    /** One line per layer for provenance, keyed "stable_init.&lt;layer&gt;". */
    public Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(
                "stable_init.input",
                problem.input().source()
                        + String.format(
                                Locale.ROOT,
                                ": mean=%.6g, second_moment=%.6g",
                                problem.input().mean(),
                                problem.input().secondMoment()));
        for (LayerChoice c : layers) {
            StringBuilder s =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "weight_mean=%.6g, weight_std=%.6g",
                                    c.weightMean(),
                                    c.weightStd()));
            if (c.recurrent())
                s.append(
                        String.format(
                                Locale.ROOT,
                                ", recurrent_weight_mean=%.6g, recurrent_weight_std=%.6g",
                                c.recurrentMean(),
                                c.recurrentStd()));
            if (c.spiking()) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                ", surrogate=%s, sharpness=%.6g, dampening=%.6g,"
                                        + " expected_rate=%.4f",
                                problem.family().name(),
                                c.sharpness(),
                                c.dampening(),
                                c.expectedRate()));
            }
            m.put("stable_init." + c.layer().name(), s.toString());
        }
        return m;
    }

    /** A human table: one row per layer and the reason behind each surrogate. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "alpha = 1 - dv = %.4f, threshold = %.4g, surrogate %s, %d steps;"
                                + " first-layer input: %s (mean %.4g, E[x^2] %.4g)%n",
                        problem.alpha(),
                        problem.threshold(),
                        problem.family().name(),
                        problem.steps(),
                        problem.input().source(),
                        problem.input().mean(),
                        problem.input().secondMoment()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "%-12s %6s %6s %11s %11s %11s %11s %9s %9s %9s%n",
                        "layer",
                        "fan_in",
                        "size",
                        "w_mean",
                        "w_std",
                        "rec_mean",
                        "rec_std",
                        "sharpness",
                        "dampening",
                        "exp_rate"));
        for (LayerChoice c : layers) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "%-12s %6d %6d %11.4g %11.4g %11s %11s %9s %9s %9s%n",
                            c.layer().name(),
                            c.layer().fanIn(),
                            c.layer().size(),
                            c.weightMean(),
                            c.weightStd(),
                            opt(c.recurrentMean()),
                            opt(c.recurrentStd()),
                            opt(c.sharpness()),
                            opt(c.dampening()),
                            opt(c.expectedRate())));
        }
        for (LayerChoice c : layers)
            if (c.spiking())
                s.append("  ")
                        .append(c.layer().name())
                        .append(": ")
                        .append(c.reason())
                        .append('\n');
        return s.toString();
    }

    private static String opt(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4g", x);
    }
}
