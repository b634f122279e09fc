package dev.spikeforge.trainer;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.trainer.adapt.SurrogateController;
import dev.spikeforge.trainer.checkpoint.CheckpointException;
import dev.spikeforge.trainer.checkpoint.CheckpointFile;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import dev.spikeforge.trainer.checkpoint.TrainingState;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.DropoutMasks;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.eval.NetworkEvaluator;
import dev.spikeforge.trainer.export.ArtifactBuilder;
import dev.spikeforge.trainer.export.NetworkCodec;
import dev.spikeforge.trainer.export.ToolVersion;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.input.SampleEncoders;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.NetworkFactory;
import dev.spikeforge.trainer.optim.Adam;
import dev.spikeforge.trainer.optim.GradientClipper;
import dev.spikeforge.trainer.optim.Optimizer;
import dev.spikeforge.trainer.optim.Parameter;
import dev.spikeforge.trainer.report.RunFiles;
import dev.spikeforge.trainer.train.DataCheck;
import dev.spikeforge.trainer.train.EpochRunner;
import dev.spikeforge.trainer.train.BatchHook;
import dev.spikeforge.trainer.train.DropoutRefill;
import dev.spikeforge.trainer.train.SparsitySchedule;
import dev.spikeforge.trainer.loss.GradualSparsity;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.hybrid.HybridTraining;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.stability.StableSetup;
import dev.spikeforge.trainer.train.EpochStats;
import dev.spikeforge.trainer.train.Seeds;
import dev.spikeforge.trainer.train.TrainableParameters;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains a LIF network by BPTT with a surrogate gradient and returns it as a {@link TrainedNetwork} artifact. Same
 * config, data and thread count give bit-identical weights. With a run directory it checkpoints after every epoch
 * (and writes the metrics files), and {@link #resume} continues a killed run to the same weights as an
 * uninterrupted one.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final RunDirectory run;
    private final Map<String, String> labels;

    public Trainer(TrainingConfig config) {
        this(config, null, Map.of());
    }

    private Trainer(TrainingConfig config, RunDirectory run, Map<String, String> labels) {
        this.config = Objects.requireNonNull(config, "config");
        this.run = run;
        this.labels = Map.copyOf(labels);
    }

    /**
     * Checkpoints and metrics files go to {@code dir} after every epoch; {@code labels} are stored in the checkpoint
     * for whoever resumes it (e.g. the command line that started the run).
     */
    public Trainer withRunDirectory(Path dir, Map<String, String> labels) {
        return new Trainer(config, new RunDirectory(dir), labels);
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
     * @param test evaluated after every epoch (or only the last, see {@link TrainingConfig#evaluateEachEpoch()});
     *             may be null
     */
    public TrainingResult train(LabeledImages train, LabeledImages test, TrainingListener listener) {
        return run(train, test, listener, null);
    }

    /** Continues the run whose checkpoint is in the run directory; the configuration and data must be the same. */
    public TrainingResult resume(LabeledImages train, LabeledImages test, TrainingListener listener) {
        if (run == null) throw new IllegalStateException("resume needs a run directory (withRunDirectory)");
        return run(train, test, listener, CheckpointFile.read(run.checkpoint()));
    }

    private TrainingResult run(LabeledImages train, LabeledImages test, TrainingListener listener, TrainingCheckpoint from) {
        TrainingListener events = listener == null ? TrainingListener.NONE : listener;
        TrainingConfig c = config;
        LabeledImages trainSet = train.limit(c.limit());
        LabeledImages testSet = test == null ? null : test.limit(c.testLimit());
        DataCheck.check(c, trainSet, testSet);
        String dataset = ArtifactBuilder.datasetName(trainSet.name());

        InputGeometry geometry = new InputGeometry(1, trainSet.rows(), trainSet.cols(), c.input().kind() == Encoding.SEQUENTIAL);
        InputSpec input = InputSpec.newBuilder()
                .addShape(1).addShape(trainSet.rows()).addShape(trainSet.cols())
                .setEncoding(c.input().kind()).setSteps(c.steps()).setEncodingSeed(c.effectiveEncodingSeed()).setGain(c.gain())
                .setLatencyCutoff(c.input().latencyCutoff())
                .build();
        BatchEncoder encoder = new BatchEncoder(SampleEncoders.create(c.input().kind(), c.steps(), c.gain(), c.input().latencyCutoff(),
                Seeds.mix(c.seed(), Seeds.TRAIN_ENCODING), trainSet.rows(), trainSet.cols()), trainSet.features(), c.threads(),
                c.augmentation(), Seeds.mix(c.seed(), Seeds.AUGMENTATION));
        Nd4jRuntime.configure(c.threads(), encoder.background());
        // --init stable: a plan made from the training data draws the weights, sets each layer's surrogate, tunes biases.
        StableSetup stable = c.initializer() instanceof StableInit s
                ? StableSetup.plan(s, c, geometry, trainSet, encoder, Seeds.mix(c.seed(), Seeds.INIT)) : null;
        LifNetwork net = NetworkFactory.create(geometry, c.layers(), trainSet.classes(), c.neuron(), c.loss().score(),
                stable != null ? stable.initializer() : c.initializer(), Seeds.mix(c.seed(), Seeds.INIT), DataType.FLOAT);
        int batch = Math.min(c.batch(), trainSet.size());
        BatchWorkspace ws = new BatchWorkspace(net, c.steps(), batch, encoder.encoder().constant(), c.dropout() > 0);
        DropoutMasks dropout = c.dropout() > 0 && net.hiddenLayers() > 0 ? new DropoutMasks(ws, c.dropout()) : null;
        // Before any restore, so a resumed run reports the same pre-tuning (then the checkpoint's biases replace it).
        if (stable != null) stable.pretune(net, ws, encoder, trainSet);
        HybridTraining quant = c.quantization().active() ? new HybridTraining(net, c.quantization(), Seeds.mix(c.seed(), Seeds.HYBRID)) : null;
        Gradients grads = new Gradients(net);
        List<Parameter> params = TrainableParameters.of(net, grads);
        Optimizer optimizer = new Adam(params, c.optimizer().beta1(), c.optimizer().beta2(), c.optimizer().epsilon(), c.optimizer().weightDecay());
        GradientClipper clipper = c.optimizer().clipNorm() > 0 ? new GradientClipper(params, c.optimizer().clipNorm()) : null;

        List<EpochMetrics> epochs = new ArrayList<>();
        if (from != null) {
            checkSameRun(from, c, dataset, trainSet.size());
            TrainingState.restore(run.checkpoint(), from, params, optimizer);
            epochs.addAll(TrainingState.epochs(from));
        }
        List<String> layerNames = new ArrayList<>();
        for (int l = 0; l < net.spikingLayers(); l++) layerNames.add(net.layer(l).name());
        // Per-layer surrogates (AdaLi windows, chi adaptation); a resumed run picks up where the last epoch left them.
        SurrogateController surrogates = new SurrogateController(c.surrogate(), c.surrogateAdaptation(), net);
        if (stable != null) for (int l = 0; l < stable.surrogates().size(); l++) surrogates.setLayerBase(l, stable.surrogates().get(l));
        if (!epochs.isEmpty()) surrogates.restore(epochs.get(epochs.size() - 1));
        List<BatchHook> hooks = new ArrayList<>();
        List<GradualSparsity> sparsity = new ArrayList<>();
        for (LossTerm t : c.loss().extra()) if (t instanceof GradualSparsity g) sparsity.add(g);
        if (!sparsity.isEmpty()) hooks.add(new BatchHook() {
            @Override
            public void beforeBatch(int epoch, int b, int batches) {
                for (GradualSparsity g : sparsity) g.atProgress(SparsitySchedule.progress(epoch, b, batches));
            }
        });
        if (quant != null) hooks.add(quant);
        if (dropout != null) hooks.add(new DropoutRefill(dropout, Seeds.mix(c.seed(), Seeds.DROPOUT)));

        FloatEvaluation eval = null;
        double trainLoss = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).getLoss();
        double[] trainRates = epochs.isEmpty() ? new double[0] : rates(epochs.get(epochs.size() - 1));
        try (encoder) {
            EngineOptions options = engineOptions(c).withLayerSurrogates(surrogates.layers()).withDropout(dropout);
            EpochRunner runner = new EpochRunner(net, ws, grads, optimizer, clipper, c.lossTerms(),
                    quant == null ? options : quant.engineOptions(options), encoder, c.seed())
                    .withObserver(surrogates).withHook(BatchHook.of(hooks));
            for (int epoch = epochs.size() + 1; epoch <= c.epochs(); epoch++) {
                double lr = c.schedule().learningRate(epoch, c.epochs(), c.learningRate());
                int e = epoch;
                surrogates.beforeEpoch(epoch, c.epochs());
                if (quant != null) quant.beforeEpoch(epoch, c.epochs());
                EpochStats stats = runner.run(trainSet, epoch, lr, (b, n, loss, rate) -> events.onBatch(e, b, n, loss, rate));
                trainLoss = stats.loss();
                trainRates = stats.firingRates();
                boolean evaluate = testSet != null && (c.evaluateEachEpoch() || epoch == c.epochs());
                long evalStart = System.nanoTime();
                eval = evaluate ? deployed(quant, () -> evaluate(net, input, testSet, c.threads())) : null;
                EpochMetrics.Builder mb = epochMetrics(epoch, stats, eval, lr, (System.nanoTime() - evalStart) / 1e9)
                        .toBuilder().putAllExtra(surrogates.afterEpoch());
                if (quant != null) mb.putAllExtra(quant.epochExtras());
                if (!sparsity.isEmpty()) mb.putExtra("sparsity_weight", sparsity.get(0).currentWeight());
                EpochMetrics m = mb.build();
                epochs.add(m);
                if (run != null) save(c, net, params, optimizer, epochs, dataset, trainSet.size(), layerNames);
                events.onEpoch(m);
            }
        }
        // Resumed after the last epoch: nothing left to train, but the result still reports the test set.
        if (eval == null && testSet != null && from != null) eval = deployed(quant, () -> evaluate(net, input, testSet, c.threads()));

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
        for (int l = 0; l < rates.length; l++) metrics.put("firing_rate_" + layerNames.get(l), rates[l]);
        metrics.put("mean_firing_rate", meanRate(net, rates));
        metrics.putAll(surrogates.finalMetrics());
        Map<String, String> hyperparameters = new LinkedHashMap<>(c.hyperparameters());
        if (stable != null) {
            metrics.putAll(stable.metrics(layerNames));
            hyperparameters.putAll(stable.provenance());
        }
        for (GradualSparsity g : sparsity) {
            metrics.put("sparsity_target", g.target());
            metrics.put("sparsity_weight", g.weight());
        }
        // With weight quantization the artifact holds W_int/k: what the chip computes, so compiling rounds nothing more.
        TrainedNetwork artifact = deployed(quant, () -> ArtifactBuilder.build(c.networkName(geometry.channels() * geometry.height() * geometry.width(), trainSet.classes()),
                input, net, new ArtifactBuilder.Origin(c.seed(), dataset, trainSet.size(), testSet == null ? 0 : testSet.size(),
                        c.surrogate().spec(), hyperparameters, metrics, epochs)));
        return new TrainingResult(artifact, eval == null ? Double.NaN : eval.accuracy(), last.getTrainAccuracy(), seconds, rates, synOps, epochs);
    }

    /**
     * Training skips the steps of hidden layers that cannot reach the output within the window, unless an extra
     * loss term (which may read hidden spikes) is configured.
     */
    private static EngineOptions engineOptions(TrainingConfig c) {
        return EngineOptions.training(c.surrogate()).withObservedStepsOnly(c.loss().extra().isEmpty());
    }

    /** Runs {@code work} on the network as deployed: its quantized weights when training quantizes them. */
    private static <T> T deployed(HybridTraining quant, java.util.function.Supplier<T> work) {
        return quant == null ? work.get() : quant.withDeployedWeights(work);
    }

    /** Evaluates the network as exported (leaks on the chip grid), so the numbers are the artifact's own. */
    private static FloatEvaluation evaluate(LifNetwork net, InputSpec input, LabeledImages test, int threads) {
        return NetworkEvaluator.evaluate(NetworkCodec.exported(net, input), input, test, FloatEvaluator.DEFAULT_BATCH, threads, null);
    }

    private void save(TrainingConfig c, LifNetwork net, List<Parameter> params, Optimizer optimizer, List<EpochMetrics> epochs,
                      String dataset, int samples, List<String> layerNames) {
        TrainingCheckpoint checkpoint = TrainingState.capture(params, optimizer)
                .setEpochsDone(epochs.size()).setEpochsTotal(c.epochs()).setSeed(c.seed())
                .putAllHyperparameters(c.hyperparameters()).addAllEpochs(epochs).putAllLabels(labels)
                .setDataset(dataset).setTrainSamples(samples)
                .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).setToolVersion(ToolVersion.get())
                .build();
        CheckpointFile.write(run.checkpoint(), checkpoint);
        RunFiles.writeMetrics(run, c.networkName(net.inputs(), net.outputs()), epochs, layerNames);
    }

    /** Settings that change how fast a run trains, not what it trains: a resume may change them (e.g. the cores freed by
     *  a run beside it). Different thread counts may sum in another order, so the weights then match only closely. */
    private static final Set<String> SPEED_SETTINGS = Set.of("threads");

    private void checkSameRun(TrainingCheckpoint from, TrainingConfig c, String dataset, int samples) {
        Map<String, String> now = c.hyperparameters(), then = from.getHyperparametersMap();
        TreeSet<String> keys = new TreeSet<>(now.keySet());
        keys.addAll(then.keySet());
        keys.removeAll(SPEED_SETTINGS);
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(now.get(k), then.get(k))) diffs.add(k + " was " + then.get(k) + ", now " + now.get(k));
        }
        if (from.getSeed() != c.seed()) diffs.add("seed was " + from.getSeed() + ", now " + c.seed());
        if (!from.getDataset().equals(dataset) || from.getTrainSamples() != samples) {
            diffs.add("training data was " + from.getTrainSamples() + " samples of " + from.getDataset() + ", now " + samples + " of " + dataset);
        }
        if (!diffs.isEmpty()) {
            throw new CheckpointException(run.checkpoint(), "the checkpoint belongs to a different run: " + String.join("; ", diffs)
                    + ". Resume with the settings the run was started with, or delete the run directory to start over.");
        }
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

    private static EpochMetrics epochMetrics(int epoch, EpochStats s, FloatEvaluation eval, double lr, double evalSeconds) {
        EpochMetrics.Builder m = EpochMetrics.newBuilder()
                .setEpoch(epoch).setLoss(s.loss()).setTrainAccuracy(s.accuracy()).setSeconds(s.seconds())
                .setTestAccuracy(Double.NaN)
                .putExtra("learning_rate", lr);
        double[] rates = s.firingRates();
        if (eval != null) {
            m.setTestAccuracy(eval.accuracy()).putExtra("eval_seconds", evalSeconds)
                    .putExtra("synaptic_ops_per_sample", eval.synapticOpsPerSample())
                    .putExtra("spikes_per_sample", eval.spikesPerSample());
            rates = eval.firingRates();
        }
        for (double r : rates) m.addFiringRate(r);
        return m.build();
    }
}
