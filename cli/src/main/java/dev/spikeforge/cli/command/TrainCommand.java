package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.TrainingProgress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.Trainer;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.TrainingResult;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import dev.spikeforge.trainer.settings.SettingsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "train",
        description =
                "Train a LIF network by BPTT with surrogate gradients and write the trained-network"
                    + " artifact. After every epoch a checkpoint and the metrics (CSV, JSON, PNG)"
                    + " go to the run directory; --resume DIR continues a killed run.")
public final class TrainCommand extends CommandBase {
    /**
     * Checkpoint labels: the command line (for the record, and to resume checkpoints older than the
     * typed configuration), the model file, and the data options (the data is not part of the
     * training configuration).
     */
    static final String ARGS_LABEL = "cli.args",
            OUT_LABEL = "cli.out",
            DATASET_LABEL = "cli.dataset",
            DATA_DIR_LABEL = "cli.data-dir";

    /**
     * At or below this many scored steps per hidden layer, train says that more --steps would help.
     */
    static final int SHORT_WINDOW = 3;

    /**
     * What may accompany --resume: everything else is taken from the run being resumed. --threads
     * changes how fast, not what, it trains (e.g. a run started beside another one gets the freed
     * cores).
     */
    private static final Set<String> RESUME_FLAGS =
            Set.of("--resume", "--json", "--data-dir", "--out", "--threads");

    @Mixin DataOptions data;

    @Mixin TrainingOptions training;

    @Option(
            names = "--out",
            paramLabel = "MODEL",
            description = "Where to write the trained network (required unless --resume).")
    Path out;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            description =
                    "Checkpoints and metrics files (default: MODEL's name with .run instead of its"
                            + " extension).")
    Path runDir;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description = "Continue the run whose run directory is DIR from its last checkpoint.")
    Path resume;

    @Override
    protected int run(JsonLine result) throws Exception {
        if (resume != null) return resume(result);
        if (out == null)
            throw new IllegalArgumentException(
                    "--out: missing; say where the trained network goes (or --resume DIR)");
        TrainingConfig cfg = training.apply(TrainingConfig.defaults());
        Path dir = runDir != null ? runDir : defaultRunDir(out);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ARGS_LABEL, String.join("\n", ownArgs()));
        labels.put(OUT_LABEL, out.toString());
        labels.put(DATASET_LABEL, data.dataset);
        if (data.dataDir != null) labels.put(DATA_DIR_LABEL, data.dataDir.toString());
        Trainer trainer = new Trainer(cfg).withRunDirectory(dir, labels);
        TrainingResult r = train(trainer, data, this::say, false);
        finish(result, r, out, dir, 0);
        return 0;
    }

    private int resume(JsonLine result) {
        List<String> extra = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o :
                spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_FLAGS.contains(o.longestName())) extra.add(o.longestName());
        }
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(
                    "--resume continues the run with the settings it was started with; drop "
                            + String.join(", ", extra));
        }
        TrainingCheckpoint checkpoint = Trainer.readCheckpoint(resume);
        Path file = new RunDirectory(resume).checkpoint();
        if (!checkpoint.containsLabels(ARGS_LABEL)) {
            throw new IllegalArgumentException(
                    file
                            + ": this checkpoint was not written by `spikeforge train`; resume it"
                            + " through the Java API");
        }
        StartedRun started = checkpoint.hasConfig() ? typed(checkpoint) : reparsed(checkpoint);
        TrainingConfig cfg = started.config();
        // --threads has a default: only a typed one replaces the run's own.
        if (spec.commandLine().getParseResult().hasMatchedOption("--threads")) {
            try {
                cfg = cfg.withThreads(training.threads);
            } catch (ConfigException e) {
                throw TrainingOptions.withFlag(e);
            }
        }
        DataOptions dataOptions = started.data();
        if (data.dataDir != null) dataOptions.dataDir = data.dataDir;
        Path model =
                out != null ? out : Path.of(checkpoint.getLabelsOrDefault(OUT_LABEL, "model.sft"));
        say(
                "resuming %s after epoch %d of %d (checkpoint %s), %d thread%s",
                resume,
                checkpoint.getEpochsDone(),
                checkpoint.getEpochsTotal(),
                file,
                cfg.threads(),
                cfg.threads() == 1 ? "" : "s");
        Trainer trainer = new Trainer(cfg).withRunDirectory(resume, checkpoint.getLabelsMap());
        TrainingResult r = train(trainer, dataOptions, this::say, true);
        finish(result, r, model, resume, checkpoint.getEpochsDone());
        return 0;
    }

    /** The configuration and data a run was started with. */
    private record StartedRun(TrainingConfig config, DataOptions data) {}

    /** The checkpoint's own configuration, field by field, and the data options its labels name. */
    private static StartedRun typed(TrainingCheckpoint checkpoint) {
        DataOptions data = new DataOptions();
        data.dataset = checkpoint.getLabelsOrDefault(DATASET_LABEL, DataOptions.DEFAULT_DATASET);
        String dir = checkpoint.getLabelsOrDefault(DATA_DIR_LABEL, null);
        if (dir != null) data.dataDir = Path.of(dir);
        try {
            return new StartedRun(SettingsReader.read(checkpoint.getConfig()), data);
        } catch (ConfigException e) {
            throw TrainingOptions.withFlag(e);
        }
    }

    /**
     * A checkpoint written before the typed configuration: the run's own flags, parsed as when it
     * started.
     */
    private static StartedRun reparsed(TrainingCheckpoint checkpoint) {
        String args = checkpoint.getLabelsOrThrow(ARGS_LABEL);
        TrainCommand original = new TrainCommand();
        new CommandLine(original).parseArgs(args.isEmpty() ? new String[0] : args.split("\n"));
        return new StartedRun(original.training.apply(TrainingConfig.defaults()), original.data);
    }

    private void finish(JsonLine result, TrainingResult r, Path model, Path dir, int resumedAfter) {
        ArtifactFiles.write(model, r.network());
        RunDirectory run = new RunDirectory(dir);
        say(
                "written to %s; checkpoint and metrics in %s (metrics.csv, metrics.json,"
                        + " curves.png)",
                model, dir);
        put(result, r);
        result.put("output", model.toString())
                .put("run_dir", dir.toString())
                .put("metrics_csv", run.metricsCsv().toString())
                .put("metrics_json", run.metricsJson().toString())
                .put("curves_png", run.curves().toString());
        if (resumedAfter > 0) result.put("resumed_after_epoch", resumedAfter);
    }

    /** This command's arguments as typed (without the subcommand name), for the checkpoint. */
    private List<String> ownArgs() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        return at >= 0 ? all.subList(at + 1, all.size()) : all;
    }

    /** model.sft → model.run next to it. */
    static Path defaultRunDir(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".run");
    }

    /** Trains without a run directory (the demo). */
    static TrainingResult train(TrainingConfig cfg, DataOptions data, Consumer<String> say) {
        return train(new Trainer(cfg), data, say, false);
    }

    static TrainingResult train(
            Trainer trainer, DataOptions data, Consumer<String> say, boolean resume) {
        TrainingConfig cfg = trainer.config();
        LabeledImages train = data.load(FashionMnist.Split.TRAIN, cfg.limit());
        LabeledImages test = data.load(FashionMnist.Split.TEST, cfg.testLimit());
        say.accept(
                String.format(
                        "training %s LIF network on %d %s samples: %s encoding, %d steps, batch %d,"
                                + " %d epochs, lr %g, seed %d",
                        cfg.networkName(train.features(), train.classes())
                                .replaceFirst("^snn-", ""),
                        train.size(),
                        data.dataset,
                        cfg.input().kindName(),
                        cfg.steps(),
                        cfg.batch(),
                        cfg.epochs(),
                        cfg.learningRate(),
                        cfg.seed()));
        int window = cfg.scoredSpikeSteps();
        if (window <= SHORT_WINDOW && cfg.input().kind() != Encoding.SEQUENTIAL) {
            say.accept(
                    String.format(
                            "note: with %d layers and %d steps, a hidden layer's spikes reach the"
                                    + " score on only %d step%s (one step of delay per connection);"
                                    + " more --steps usually trains a more accurate network"
                                    + " (trainer/README.md, \"Time window\")",
                            cfg.depth(), cfg.steps(), Math.max(window, 0), window == 1 ? "" : "s"));
        }
        TrainingResult r;
        try (TrainingProgress progress = new TrainingProgress(say)) {
            r =
                    resume
                            ? trainer.resume(train, test, progress)
                            : trainer.train(train, test, progress);
        } catch (ConfigException e) {
            throw TrainingOptions.withFlag(e);
        }
        say.accept(
                String.format(
                        "float test accuracy %s (%d samples), train accuracy %s, firing rate %s,"
                                + " %.0f synaptic ops per sample",
                        Units.percent(r.testAccuracy()),
                        test.size(),
                        Units.percent(r.trainAccuracy()),
                        Arrays.toString(round(r.firingRates())),
                        r.synapticOpsPerSample()));
        return r;
    }

    private static double[] round(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = Math.round(x[i] * 1e4) / 1e4;
        return r;
    }

    static void put(JsonLine result, TrainingResult r) {
        double mean =
                r.network().getProvenance().getMetricsOrDefault("mean_firing_rate", Double.NaN);
        result.put("epoch_seconds", r.epochSeconds())
                .put("test_accuracy", r.testAccuracy())
                .put("train_accuracy", r.trainAccuracy())
                .put("firing_rate", r.firingRates())
                .put("mean_firing_rate", mean)
                .put("synaptic_ops_per_sample", r.synapticOpsPerSample());
        // --init stable with bias pre-tuning: the rate asked for and the rate the tuning batches
        // measured.
        Map<String, Double> pm = r.network().getProvenance().getMetricsMap();
        if (pm.containsKey("initial_rate_achieved")) {
            result.put("initial_rate_target", pm.get("initial_rate_target"))
                    .put("initial_rate_achieved", pm.get("initial_rate_achieved"));
        }
    }
}
