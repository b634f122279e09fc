package dev.spikeforge.trainer;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.proto.TrainingSettings;
import dev.spikeforge.trainer.checkpoint.CheckpointException;
import dev.spikeforge.trainer.checkpoint.CheckpointFile;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import dev.spikeforge.trainer.checkpoint.TrainingState;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.eval.NetworkEvaluator;
import dev.spikeforge.trainer.export.ArtifactBuilder;
import dev.spikeforge.trainer.export.NetworkCodec;
import dev.spikeforge.trainer.export.ToolVersion;
import dev.spikeforge.trainer.extension.Extensions;
import dev.spikeforge.trainer.extension.TrainingContext;
import dev.spikeforge.trainer.extension.TrainingExtension;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.report.RunFiles;
import dev.spikeforge.trainer.settings.SettingsDiff;
import dev.spikeforge.trainer.settings.SettingsWriter;
import dev.spikeforge.trainer.train.DataCheck;
import dev.spikeforge.trainer.train.EpochRunner;
import dev.spikeforge.trainer.train.EpochStats;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains a LIF network by BPTT with a surrogate gradient and returns it as a {@link TrainedNetwork}
 * artifact. Same config, data and thread count give bit-identical weights. With a run directory it
 * checkpoints after every epoch (and writes the metrics files), and {@link #resume} continues a
 * killed run to the same weights as an uninterrupted one. The training methods (surrogate
 * adaptation, stable init, hybrid training, gradual sparsity, dropout, and any added with {@link
 * #withExtension}) plug into the loop as {@link TrainingExtension}s, whose Javadoc gives the order
 * the loop calls them in.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final RunDirectory run;
    private final Map<String, String> labels;
    private final List<TrainingExtension> extensions;

    public Trainer(TrainingConfig config) {
        this(config, null, Map.of(), List.of());
    }

    private Trainer(
            TrainingConfig config,
            RunDirectory run,
            Map<String, String> labels,
            List<TrainingExtension> extensions) {
        this.config = Objects.requireNonNull(config, "config");
        this.run = run;
        this.labels = Map.copyOf(labels);
        this.extensions = List.copyOf(extensions);
    }

    /**
     * Checkpoints and metrics files go to {@code dir} after every epoch; {@code labels} are stored
     * in the checkpoint for whoever resumes it (e.g. the command line that started the run).
     */
    public Trainer withRunDirectory(Path dir, Map<String, String> labels) {
        return new Trainer(config, new RunDirectory(dir), labels, extensions);
    }

    /**
     * Adds a training method: its callbacks run after the configured methods' and those of
     * extensions added earlier (the order is documented on {@link TrainingExtension}). To resume,
     * add an extension of the same kind again.
     */
    public Trainer withExtension(TrainingExtension extension) {
        List<TrainingExtension> more = new ArrayList<>(extensions);
        more.add(Objects.requireNonNull(extension, "extension"));
        return new Trainer(config, run, labels, more);
    }

    public TrainingConfig config() {
        return config;
    }

    /** The checkpoint in a run directory (to find out how a run was started before resuming it). */
    public static TrainingCheckpoint readCheckpoint(Path runDir) {
        return CheckpointFile.read(new RunDirectory(runDir).checkpoint());
    }

    /**
     * Trains from scratch.
     *
     * @param test evaluated after every epoch (or only the last, see {@link
     *     TrainingConfig#evaluateEachEpoch()}); may be null
     */
    public TrainingResult train(
            LabeledImages train, LabeledImages test, TrainingListener listener) {
        return run(train, test, listener, null);
    }

    /**
     * Continues the run whose checkpoint is in the run directory; the configuration and data must
     * be the same.
     */
    public TrainingResult resume(
            LabeledImages train, LabeledImages test, TrainingListener listener) {
        if (run == null)
            throw new IllegalStateException("resume needs a run directory (withRunDirectory)");
        return run(train, test, listener, CheckpointFile.read(run.checkpoint()));
    }

    private TrainingResult run(
            LabeledImages train,
            LabeledImages test,
            TrainingListener listener,
            TrainingCheckpoint from) {
        TrainingConfig c = config;
        LabeledImages trainSet = train.limit(c.limit());
        LabeledImages testSet = test == null ? null : test.limit(c.testLimit());
        DataCheck.check(c, trainSet, testSet);
        String dataset = ArtifactBuilder.datasetName(trainSet.name());
        TrainingSetup s = TrainingSetup.create(c, trainSet);
        LifNetwork net = s.net();
        Extensions ext = extensions(c, s, listener);
        EngineOptions options = ext.configure(engineOptions(c));
        ext.beforeTraining(new TrainingContext(c, net, s.ws(), options, s.encoder(), trainSet));

        List<EpochMetrics> epochs = new ArrayList<>();
        if (from != null) {
            checkSameRun(from, c, dataset, trainSet.size());
            TrainingState.restore(run.checkpoint(), from, s.params(), s.optimizer());
            epochs.addAll(TrainingState.epochs(from));
            ext.resume(epochs, TrainingState.extensionStates(from));
        }
        List<String> layerNames = net.spikingLayerNames();
        FloatEvaluation eval = null;
        double trainLoss = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).getLoss();
        double[] trainRates =
                epochs.isEmpty() ? new double[0] : rates(epochs.get(epochs.size() - 1));
        try (BatchEncoder encoder = s.encoder()) {
            EpochRunner runner =
                    new EpochRunner(
                            net,
                            s.ws(),
                            s.grads(),
                            s.optimizer(),
                            s.clipper(),
                            c.lossTerms(),
                            options,
                            encoder,
                            c.seed(),
                            ext);
            for (int epoch = epochs.size() + 1; epoch <= c.epochs(); epoch++) {
                double lr = c.schedule().learningRate(epoch, c.epochs(), c.learningRate());
                ext.beforeEpoch(epoch, c.epochs());
                EpochStats stats = runner.run(trainSet, epoch, lr);
                trainLoss = stats.loss();
                trainRates = stats.firingRates();
                boolean evaluate =
                        testSet != null && (c.evaluateEachEpoch() || epoch == c.epochs());
                long evalStart = System.nanoTime();
                eval =
                        evaluate
                                ? ext.deployed(() -> evaluate(net, s.input(), testSet, c.threads()))
                                : null;
                EpochMetrics.Builder mb =
                        epochMetrics(epoch, stats, eval, lr, (System.nanoTime() - evalStart) / 1e9)
                                .toBuilder();
                ext.afterEpoch(mb);
                EpochMetrics m = mb.build();
                epochs.add(m);
                if (run != null) save(c, net, s, ext, epochs, dataset, trainSet.size(), layerNames);
                ext.epochComplete(m);
            }
        }
        // Resumed after the last epoch: nothing left to train, but the result still reports the
        // test set.
        if (eval == null && testSet != null && from != null)
            eval = ext.deployed(() -> evaluate(net, s.input(), testSet, c.threads()));
        return result(c, s, ext, epochs, eval, trainLoss, trainRates, dataset, trainSet, testSet);
    }

    /**
     * The configured methods, then the extensions added here, then the progress listener (see
     * {@link TrainingExtension}).
     */
    private Extensions extensions(TrainingConfig c, TrainingSetup s, TrainingListener listener) {
        List<TrainingExtension> all =
                new ArrayList<>(TrainingMethods.of(c, s.net(), s.ws(), s.stable()));
        all.addAll(extensions);
        if (listener != null) all.add(new ListenerExtension(listener));
        return new Extensions(all);
    }

    /**
     * The artifact with its provenance (the run's metrics, each extension's metrics and settings)
     * and the summary.
     */
    private static TrainingResult result(
            TrainingConfig c,
            TrainingSetup s,
            Extensions ext,
            List<EpochMetrics> epochs,
            FloatEvaluation eval,
            double trainLoss,
            double[] trainRates,
            String dataset,
            LabeledImages trainSet,
            LabeledImages testSet) {
        LifNetwork net = s.net();
        List<String> layerNames = net.spikingLayerNames();
        EpochMetrics last = epochs.get(epochs.size() - 1);
        double[] rates = eval == null ? trainRates : eval.firingRates();
        double synOps = eval == null ? Double.NaN : eval.synapticOpsPerSample();
        List<Double> seconds = epochs.stream().map(EpochMetrics::getSeconds).toList();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_accuracy", last.getTrainAccuracy());
        metrics.put("train_loss", trainLoss);
        metrics.put("train_seconds", seconds.stream().mapToDouble(Double::doubleValue).sum());
        if (eval != null) {
            metrics.put("test_accuracy", eval.accuracy());
            metrics.put("spikes_per_sample", eval.spikesPerSample());
            metrics.put("input_spikes_per_sample", eval.inputSpikesPerSample());
            metrics.put("synaptic_ops_per_sample", synOps);
        }
        for (int l = 0; l < rates.length; l++)
            metrics.put("firing_rate_" + layerNames.get(l), rates[l]);
        metrics.put("mean_firing_rate", meanRate(net, rates));
        ext.finalMetrics(metrics);
        Map<String, String> hyperparameters = new LinkedHashMap<>(c.hyperparameters());
        ext.provenance(hyperparameters);
        // With weight quantization the artifact holds W_int/k: what the chip computes, so compiling
        // rounds nothing more.
        InputGeometry g = s.geometry();
        TrainedNetwork built =
                ext.deployed(
                        () ->
                                ArtifactBuilder.build(
                                        c.networkName(
                                                g.channels() * g.height() * g.width(),
                                                trainSet.classes()),
                                        s.input(),
                                        net,
                                        new ArtifactBuilder.Origin(
                                                c.seed(),
                                                dataset,
                                                trainSet.size(),
                                                testSet == null ? 0 : testSet.size(),
                                                c.surrogate().spec(),
                                                hyperparameters,
                                                metrics,
                                                epochs)));
        TrainedNetwork.Builder artifact = built.toBuilder();
        SettingsWriter.write(c)
                .ifPresent(settings -> artifact.getProvenanceBuilder().setConfig(settings));
        return new TrainingResult(
                artifact.build(),
                eval == null ? Double.NaN : eval.accuracy(),
                last.getTrainAccuracy(),
                seconds,
                rates,
                synOps,
                epochs);
    }

    /**
     * Training skips the steps of hidden layers that cannot reach the output within the window,
     * unless an extra loss term (which may read hidden spikes) is configured.
     */
    private static EngineOptions engineOptions(TrainingConfig c) {
        return EngineOptions.training(c.surrogate())
                .withObservedStepsOnly(c.loss().extra().isEmpty());
    }

    /**
     * Evaluates the network as exported (leaks on the chip grid), so the numbers are the artifact's
     * own.
     */
    private static FloatEvaluation evaluate(
            LifNetwork net, InputSpec input, LabeledImages test, int threads) {
        return NetworkEvaluator.evaluate(
                NetworkCodec.exported(net, input),
                input,
                test,
                FloatEvaluator.DEFAULT_BATCH,
                threads,
                null);
    }

    private void save(
            TrainingConfig c,
            LifNetwork net,
            TrainingSetup s,
            Extensions ext,
            List<EpochMetrics> epochs,
            String dataset,
            int samples,
            List<String> layerNames) {
        TrainingCheckpoint.Builder checkpoint =
                TrainingState.capture(s.params(), s.optimizer())
                        .putAllExtensionState(TrainingState.extensionStates(ext.checkpointState()))
                        .setEpochsDone(epochs.size())
                        .setEpochsTotal(c.epochs())
                        .setSeed(c.seed())
                        .putAllHyperparameters(c.hyperparameters())
                        .addAllEpochs(epochs)
                        .putAllLabels(labels)
                        .setDataset(dataset)
                        .setTrainSamples(samples)
                        .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                        .setToolVersion(ToolVersion.get());
        SettingsWriter.write(c).ifPresent(checkpoint::setConfig);
        CheckpointFile.write(run.checkpoint(), checkpoint.build());
        RunFiles.writeMetrics(run, c.networkName(net.inputs(), net.outputs()), epochs, layerNames);
    }

    /**
     * Settings that change how fast a run trains, not what it trains: a resume may change them (see
     * {@link SettingsDiff}).
     */
    private static final Set<String> SPEED_SETTINGS = Set.of("threads");

    /**
     * Field by field when the checkpoint has the typed configuration; by the text of the settings
     * when it is older.
     */
    private void checkSameRun(
            TrainingCheckpoint from, TrainingConfig c, String dataset, int samples) {
        Optional<TrainingSettings> now = SettingsWriter.write(c);
        boolean typed = from.hasConfig() && now.isPresent();
        List<String> diffs =
                typed
                        ? SettingsDiff.diff(from.getConfig(), now.get())
                        : textDiff(from.getHyperparametersMap(), c.hyperparameters());
        if (!typed && from.getSeed() != c.seed())
            diffs.add("seed was " + from.getSeed() + ", now " + c.seed());
        if (!from.getDataset().equals(dataset) || from.getTrainSamples() != samples) {
            diffs.add(
                    "training data was "
                            + from.getTrainSamples()
                            + " samples of "
                            + from.getDataset()
                            + ", now "
                            + samples
                            + " of "
                            + dataset);
        }
        if (!diffs.isEmpty()) {
            throw new CheckpointException(
                    run.checkpoint(),
                    "the checkpoint belongs to a different run: "
                            + String.join("; ", diffs)
                            + ". Resume with the settings the run was started with, or delete the"
                            + " run directory to start over.");
        }
    }

    private static List<String> textDiff(Map<String, String> then, Map<String, String> now) {
        TreeSet<String> keys = new TreeSet<>(now.keySet());
        keys.addAll(then.keySet());
        keys.removeAll(SPEED_SETTINGS);
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(now.get(k), then.get(k)))
                diffs.add(k + " was " + then.get(k) + ", now " + now.get(k));
        }
        return diffs;
    }

    private static double meanRate(LifNetwork net, double[] rates) {
        double spikes = 0, neurons = 0;
        for (int l = 0; l < rates.length; l++) {
            spikes += rates[l] * net.layer(l).neurons();
            neurons += net.layer(l).neurons();
        }
        return neurons == 0 ? 0 : spikes / neurons;
    }

    private static double[] rates(EpochMetrics m) {
        return m.getFiringRateList().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static EpochMetrics epochMetrics(
            int epoch, EpochStats s, FloatEvaluation eval, double lr, double evalSeconds) {
        EpochMetrics.Builder m =
                EpochMetrics.newBuilder()
                        .setEpoch(epoch)
                        .setLoss(s.loss())
                        .setTrainAccuracy(s.accuracy())
                        .setSeconds(s.seconds())
                        .setTestAccuracy(Double.NaN)
                        .putExtra("learning_rate", lr);
        double[] rates = s.firingRates();
        if (eval != null) {
            m.setTestAccuracy(eval.accuracy())
                    .putExtra("eval_seconds", evalSeconds)
                    .putExtra("synaptic_ops_per_sample", eval.synapticOpsPerSample())
                    .putExtra("spikes_per_sample", eval.spikesPerSample());
            rates = eval.firingRates();
        }
        for (double r : rates) m.addFiringRate(r);
        return m.build();
    }
}
