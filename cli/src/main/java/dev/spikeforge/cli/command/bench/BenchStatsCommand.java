package dev.spikeforge.cli.command.bench;

import dev.spikeforge.cli.command.CommandBase;
import dev.spikeforge.cli.command.UsageError;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.stats.ArmSummary;
import dev.spikeforge.cli.stats.Interval;
import dev.spikeforge.cli.stats.PairedComparison;
import dev.spikeforge.cli.stats.SeedResults;
import dev.spikeforge.cli.stats.StatsTable;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "stats",
        description =
                "Statistics over the seeds of an experiments results file (bench/experiments.sh):"
                    + " each arm's mean with its 95 % Student-t interval, and arms against their"
                    + " baselines paired by seed (mean difference, its interval, paired t-test).")
public final class BenchStatsCommand extends CommandBase {
    @Parameters(
            index = "0",
            paramLabel = "RESULTS.jsonl",
            description = "One JSON object per line with claim, arm, seed and the metrics.")
    Path file;

    @Option(
            names = "--metric",
            paramLabel = "FIELD",
            description =
                    "A numeric field to summarize, dotted when nested (e.g."
                            + " accuracy.chip_accuracy); repeatable (default: test_accuracy).")
    List<String> metrics = new ArrayList<>();

    @Option(
            names = "--pair",
            paramLabel = "ARM=BASELINE",
            description =
                    "Compare ARM with BASELINE seed by seed on every metric both have; repeatable.")
    List<String> pairs = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "FILE.md",
            description = "Also write the tables as Markdown.")
    Path out;

    @Override
    protected int run(JsonLine result) {
        if (!Files.isRegularFile(file))
            throw new UsageError("results file " + file + " does not exist or is not a file");
        List<String> wanted = metrics.isEmpty() ? List.of("test_accuracy") : metrics;
        // Each (arm, baseline) once, in the order given.
        Set<List<String>> armAndBaseline = new LinkedHashSet<>();
        for (String p : pairs) {
            String[] parts = p.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank())
                throw new UsageError("--pair: expected ARM=BASELINE, got '" + p + "'");
            armAndBaseline.add(List.of(parts[0].strip(), parts[1].strip()));
        }
        SeedResults r = SeedResults.read(file, wanted);
        List<ArmSummary> arms = new ArrayList<>();
        for (String arm : r.arms()) {
            for (String m : wanted) {
                var v = r.values(arm, m);
                if (!v.isEmpty())
                    arms.add(new ArmSummary(r.claim(arm), arm, m, Interval.of(v.values())));
            }
        }
        List<PairedComparison> compared = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (List<String> pair : armAndBaseline) {
            String arm = pair.get(0), base = pair.get(1);
            boolean any = false;
            for (String m : wanted) {
                var a = r.values(arm, m);
                var b = r.values(base, m);
                if (a.isEmpty() || b.isEmpty()) continue;
                PairedComparison c = PairedComparison.of(arm, base, m, a, b);
                if (c.seeds().isEmpty()) continue;
                compared.add(c);
                any = true;
            }
            if (!any) missing.add(arm + "=" + base);
        }
        String table = StatsTable.markdown(arms, compared);
        say(
                "%s: %d arm/metric summaries, %d paired comparisons (95 %% Student-t intervals over"
                        + " seeds)",
                file, arms.size(), compared.size());
        say("%s", table.strip());
        if (!missing.isEmpty())
            say("no seeds in common (or no metric) for: %s", String.join(", ", missing));
        if (out != null) {
            ArtifactFiles.writeAtomically(out, table.getBytes(StandardCharsets.UTF_8));
            say("written to %s", out);
            result.put("out", out.toString());
        }
        List<Map<String, Object>> armJson = new ArrayList<>();
        for (ArmSummary a : arms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("claim", a.claim());
            m.put("arm", a.arm());
            m.put("metric", a.metric());
            m.put("seeds", a.interval().n());
            m.put("mean", a.interval().mean());
            m.put("low", finite(a.interval().low()));
            m.put("high", finite(a.interval().high()));
            m.put("sd", finite(a.interval().sd()));
            armJson.add(m);
        }
        List<Map<String, Object>> pairJson = new ArrayList<>();
        for (PairedComparison c : compared) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arm", c.arm());
            m.put("baseline", c.baseline());
            m.put("metric", c.metric());
            m.put("seeds", c.seeds());
            m.put("mean_difference", c.difference().mean());
            m.put("low", finite(c.difference().low()));
            m.put("high", finite(c.difference().high()));
            m.put("p", finite(c.p()));
            pairJson.add(m);
        }
        result.put("file", file.toString())
                .put("level", Interval.LEVEL)
                .put("arms", armJson)
                .put("comparisons", pairJson)
                .put("unmatched_pairs", missing);
        return 0;
    }

    /** JSON has no NaN: an undefined figure (one seed, no spread) is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
