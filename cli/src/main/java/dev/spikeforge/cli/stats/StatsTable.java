package dev.spikeforge.cli.stats;

import java.util.List;
import java.util.Locale;

/**
 * The Markdown form of the statistics: one table of arms (mean ± 95 % interval over seeds), one of
 * comparisons (paired difference, its interval and p). Accuracies (metrics named *accuracy*) are
 * shown in percent and their differences in points; other metrics as they are.
 */
public final class StatsTable {
    private StatsTable() {}

    public static String markdown(List<ArmSummary> arms, List<PairedComparison> pairs) {
        StringBuilder b = new StringBuilder();
        b.append(
                "| claim | arm | metric | seeds | mean ± 95 % interval | sd |\n"
                        + "|---|---|---|---|---|---|\n");
        for (ArmSummary a : arms) {
            Interval i = a.interval();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %d | %s | %s |%n",
                            a.claim(),
                            a.arm(),
                            a.metric(),
                            i.n(),
                            value(a.metric(), i.mean())
                                    + (Double.isNaN(i.halfWidth())
                                            ? ""
                                            : " ± " + spread(a.metric(), i.halfWidth())),
                            Double.isNaN(i.sd()) ? "–" : spread(a.metric(), i.sd())));
        }
        b.append(
                "\n"
                    + "| arm − baseline | metric | seeds | mean difference [95 % interval] | paired"
                    + " t-test p | interval excludes 0 |\n"
                    + "|---|---|---|---|---|---|\n");
        for (PairedComparison c : pairs) {
            Interval d = c.difference();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s − %s | %s | %d | %s | %s | %s |%n",
                            c.arm(),
                            c.baseline(),
                            c.metric(),
                            d.n(),
                            Double.isNaN(d.halfWidth())
                                    ? signed(c.metric(), d.mean())
                                    : signed(c.metric(), d.mean())
                                            + " ["
                                            + signed(c.metric(), d.low())
                                            + ", "
                                            + signed(c.metric(), d.high())
                                            + "]",
                            Double.isNaN(c.p()) ? "–" : String.format(Locale.ROOT, "%.3g", c.p()),
                            Double.isNaN(d.halfWidth()) ? "–" : d.excludes(0) ? "yes" : "no"));
        }
        return b.toString();
    }

    static boolean percent(String metric) {
        return metric.contains("accuracy");
    }

    private static String value(String metric, double v) {
        return percent(metric)
                ? String.format(Locale.ROOT, "%.2f %%", 100 * v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String spread(String metric, double v) {
        return percent(metric)
                ? String.format(Locale.ROOT, "%.2f", 100 * v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String signed(String metric, double v) {
        return percent(metric)
                ? String.format(Locale.ROOT, "%+.2f pt", 100 * v)
                : String.format(Locale.ROOT, "%+.4g", v);
    }
}
