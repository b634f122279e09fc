package dev.spikeforge.cli.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * An arm against its baseline, seed by seed (the same seed gives both arms the same data order and
 * initial draw, so the per-seed differences cancel what the seeds share): the mean difference with
 * its 95 % interval and the two-sided paired t-test's p-value, over the seeds both arms have.
 */
public record PairedComparison(
        String arm,
        String baseline,
        String metric,
        List<String> seeds,
        Interval difference,
        double p) {

    public static PairedComparison of(
            String arm,
            String baseline,
            String metric,
            Map<String, Double> a,
            Map<String, Double> b) {
        List<String> seeds = new ArrayList<>();
        List<Double> diff = new ArrayList<>();
        for (var e : a.entrySet()) {
            Double base = b.get(e.getKey());
            if (base == null) continue;
            seeds.add(e.getKey());
            diff.add(e.getValue() - base);
        }
        double p = Double.NaN;
        if (seeds.size() > 1) {
            double[] x = new double[seeds.size()], y = new double[seeds.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = a.get(seeds.get(i));
                y[i] = b.get(seeds.get(i));
            }
            boolean allEqual = true;
            for (double d : diff) allEqual &= d == diff.get(0);
            // Identical differences have no spread: the test is undefined (NaN, said as such in the
            // table).
            p = allEqual ? Double.NaN : new TTest().pairedTTest(x, y);
        }
        return new PairedComparison(
                arm, baseline, metric, List.copyOf(seeds), Interval.of(diff), p);
    }
}
