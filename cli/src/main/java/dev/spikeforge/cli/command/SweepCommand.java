package dev.spikeforge.cli.command;

import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.Progress;
import dev.spikeforge.cli.sweep.CellResult;
import dev.spikeforge.cli.sweep.CellTask;
import dev.spikeforge.cli.sweep.SweepCell;
import dev.spikeforge.cli.sweep.SweepDirectory;
import dev.spikeforge.cli.sweep.SweepPlan;
import dev.spikeforge.cli.sweep.SweepProgress;
import dev.spikeforge.cli.sweep.SweepReport;
import dev.spikeforge.cli.sweep.SweepRunner;
import dev.spikeforge.cli.sweep.SweepSettings;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.QPseudoSpike;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "sweep",
        description =
                "Train a grid of surrogate shapes × dampening × sharpness × learning rates in"
                    + " parallel (one single-threaded run per cell) and tabulate final accuracy,"
                    + " spikes, epochs to a target accuracy and divergence, with a heat map. Each"
                    + " finished cell is saved at once; run the same command again to resume a"
                    + " killed sweep without redoing finished cells.")
public final class SweepCommand extends CommandBase {
    @Mixin DataOptions data;

    @Option(
            names = "--surrogates",
            split = ",",
            required = true,
            paramLabel = "SHAPE[,SHAPE...]",
            description =
                    "Surrogate shapes: fast-sigmoid, triangular, exponential, sigmoid, gaussian,"
                            + " rectangular, cauchy, q-pseudospike, adali.")
    List<String> surrogates;

    @Option(
            names = "--lr",
            split = ",",
            required = true,
            paramLabel = "RATE[,RATE...]",
            description = "Learning rates.")
    List<Double> lrs;

    @Option(
            names = "--dampening",
            split = ",",
            paramLabel = "G[,G...]",
            description = "Surrogate peak heights gamma (default 1).")
    List<Double> dampening;

    @Option(
            names = "--sharpness",
            split = ",",
            paramLabel = "S[,S...]",
            description = "Surrogate sharpness values s (default 1).")
    List<Double> sharpness;

    @Option(
            names = "--tail-fatness",
            paramLabel = "Q",
            description = "q of the q-pseudospike cells (default 4).")
    Double tailFatness;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "2",
            description = "Epochs per cell (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Training samples per cell (default: all).")
    int limit;

    @Option(
            names = "--test-limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Test samples, evaluated after every epoch (default: all).")
    int testLimit;

    @Option(
            names = "--hidden",
            split = ",",
            paramLabel = "H[,H...]",
            description = "Hidden layer sizes (default 128).")
    int[] hidden;

    @Option(names = "--steps", paramLabel = "T", description = "Steps per sample (default 20).")
    Integer steps;

    @Option(
            names = "--encoding",
            paramLabel = "direct|rate",
            defaultValue = "rate",
            description = "Input encoding (default ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default 128).")
    Integer batch;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of every cell (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--target-accuracy",
            paramLabel = "A",
            defaultValue = "0.8",
            description = "Accuracy for epochs_to_target (default ${DEFAULT-VALUE}).")
    double target;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Cells trained at once (default: min(cores, cells)).")
    Integer jobs;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description =
                    "Sweep directory: settings, one result file per cell, results.csv/json,"
                            + " heatmap.png.")
    Path out;

    @Mixin EngineOptions engineOptions;

    @Override
    protected int run(JsonLine result) throws Exception {
        List<SweepCell> cells = grid();
        SweepPlan plan =
                new SweepPlan(
                        epochs, limit, testLimit, hidden, steps, encoding, batch, seed, target);
        TrainingConfig base = plan.baseConfig();
        if (jobs != null && !engineOptions.local()) {
            throw new UsageError(
                    "--jobs applies to --engine local; with --engine "
                            + engineOptions.engine
                            + " the cells run at once are the executors' cores (docs/cluster.md)");
        }
        int workers =
                jobs != null
                        ? jobs
                        : Math.max(
                                1,
                                Math.min(Runtime.getRuntime().availableProcessors(), cells.size()));
        // The engine first: one that is missing or cannot start is refused before the directory is
        // claimed.
        try (Engine engine = engineOptions.open(workers, "spikeforge sweep " + out.getFileName())) {
            SweepSettings settings =
                    new SweepSettings(
                            data.dataset,
                            epochs,
                            limit,
                            testLimit,
                            Arrays.toString(base.hidden()),
                            base.steps(),
                            encoding.toLowerCase(Locale.ROOT),
                            base.batch(),
                            seed,
                            target);
            SweepDirectory dir = new SweepDirectory(out);
            dir.claim(settings);
            LabeledImages train = data.load(FashionMnist.Split.TRAIN, limit),
                    test = data.load(FashionMnist.Split.TEST, testLimit);
            SweepRunner runner =
                    new SweepRunner(
                            dir,
                            engine,
                            new CellTask(plan, engine.share(train), engine.share(test)));
            List<SweepCell> todo = runner.todo(cells);
            say(
                    "sweep: %d cells (%d shapes x %d dampening x %d sharpness x %d learning rates),"
                            + " %d already done in %s; %s, %d epoch(s) each",
                    cells.size(),
                    surrogates.size(),
                    values(dampening).size(),
                    values(sharpness).size(),
                    lrs.size(),
                    cells.size() - todo.size(),
                    out,
                    engine.inProcess()
                            ? engine.parallelism() + " at a time"
                            : "engine "
                                    + engine.name()
                                    + ", "
                                    + engine.parallelism()
                                    + " at a time",
                    epochs);
            SweepRunner.Outcome outcome;
            try (ProgressBar bar = Progress.bar("sweep", todo.size())) {
                outcome = runner.run(cells, todo, new SweepProgress(bar, todo, epochs));
            }
            report(cells, dir, settings, outcome, result);
        }
        return 0;
    }

    private void report(
            List<SweepCell> cells,
            SweepDirectory dir,
            SweepSettings settings,
            SweepRunner.Outcome outcome,
            JsonLine result) {
        List<CellResult> results = outcome.results();
        ArtifactFiles.writeAtomically(
                dir.csv(), SweepReport.csv(results).getBytes(StandardCharsets.UTF_8));
        ArtifactFiles.writeAtomically(
                dir.json(), SweepReport.json(results, settings).getBytes(StandardCharsets.UTF_8));
        ArtifactFiles.writeAtomically(
                dir.heatMap(),
                SweepReport.heatMap(results, "Best test accuracy, " + epochs + " epoch(s)"));

        say(
                "%-14s %6s %6s %9s %9s %8s %7s %s",
                "shape", "gamma", "s", "lr", "accuracy", "spikes", "target", "");
        List<Map<String, Object>> json = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            CellResult r = results.get(i);
            say(
                    "%-14s %6.3g %6.3g %9.3g %9s %8s %7s %s",
                    r.shape(),
                    r.dampening(),
                    r.sharpness(),
                    r.lr(),
                    pct(r.finalAccuracy()),
                    Double.isNaN(r.spikesPerSample())
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f", r.spikesPerSample()),
                    r.epochsToTarget() == null ? "-" : r.epochsToTarget().toString(),
                    (r.diverged() ? "diverged: " + r.divergedReason() : "")
                            + (outcome.reused().get(i) ? " (reused)" : ""));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shape", r.shape());
            m.put("dampening", r.dampening());
            m.put("sharpness", r.sharpness());
            m.put("tail_fatness", r.tailFatness());
            m.put("lr", r.lr());
            m.put("final_accuracy", r.finalAccuracy());
            m.put("spikes_per_sample", r.spikesPerSample());
            m.put("epochs_to_target", r.epochsToTarget());
            m.put("diverged", r.diverged());
            m.put("reused", outcome.reused().get(i));
            m.put("file", dir.cellFile(cells.get(i)).toString());
            json.add(m);
        }
        say(
                "%d cells trained, %d reused; table %s, heat map %s",
                outcome.ran(), cells.size() - outcome.ran(), dir.csv(), dir.heatMap());
        result.put("cells", json)
                .put("ran", outcome.ran())
                .put("reused", cells.size() - outcome.ran())
                .put("csv", dir.csv().toString())
                .put("json", dir.json().toString())
                .put("heatmap", dir.heatMap().toString())
                .put("settings", dir.settingsFile().toString())
                .put("dir", out.toString());
    }

    /**
     * shapes × dampening × sharpness × lr; AdaLi has neither dampening nor sharpness, so one cell
     * per lr.
     */
    List<SweepCell> grid() {
        List<SweepCell> cells = new ArrayList<>();
        for (String raw : surrogates) {
            String shape = raw.trim().toLowerCase(Locale.ROOT);
            boolean adali = shape.equals(AdaLi.SHAPE);
            double q =
                    shape.equals(QPseudoSpike.SHAPE)
                            ? (tailFatness == null ? QPseudoSpike.DEFAULT_Q : tailFatness)
                            : 0;
            for (double g : adali ? List.of(0.0) : values(dampening)) {
                for (double s : adali ? List.of(0.0) : values(sharpness)) {
                    for (double lr : lrs) {
                        if (!(lr > 0))
                            throw new IllegalArgumentException(
                                    "--lr: every rate must be > 0, got " + lr);
                        SweepCell c = new SweepCell(shape, g, s, q, lr);
                        try {
                            c.surrogate();
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(
                                    "--surrogates/--dampening/--sharpness: cell "
                                            + c.id()
                                            + ": "
                                            + e.getMessage());
                        }
                        if (!cells.contains(c)) cells.add(c);
                    }
                }
            }
        }
        return cells;
    }

    private static List<Double> values(List<Double> given) {
        return given == null || given.isEmpty() ? List.of(1.0) : given;
    }

    private static String pct(double a) {
        return Double.isNaN(a) ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * a);
    }
}
