package dev.spikeforge.trainer;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.eval.NetworkEvaluator;
import dev.spikeforge.trainer.export.ArtifactBuilder;
import dev.spikeforge.trainer.input.RateBatchEncoder;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.NetworkFactory;
import dev.spikeforge.trainer.optim.Adam;
import dev.spikeforge.trainer.optim.Optimizer;
import dev.spikeforge.trainer.optim.Parameter;
import dev.spikeforge.trainer.train.EpochRunner;
import dev.spikeforge.trainer.train.EpochStats;
import dev.spikeforge.trainer.train.Seeds;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a feed-forward LIF network by BPTT with a surrogate gradient and returns it as a {@link TrainedNetwork}
 * artifact. Same config, data and thread count give bit-identical weights.
 */
public final class Trainer {
    private final TrainingConfig config;

    public Trainer(TrainingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * @param test evaluated after every epoch (or only the last, see {@link TrainingConfig#evaluateEachEpoch()});
     *             may be null
     */
    public TrainingResult train(LabeledImages train, LabeledImages test, TrainingListener listener) {
        TrainingListener events = listener == null ? TrainingListener.NONE : listener;
        TrainingConfig c = config;
        LabeledImages trainSet = train.limit(c.limit());
        LabeledImages testSet = test == null ? null : test.limit(c.testLimit());
        if (trainSet.size() == 0) throw new IllegalArgumentException("the training set '" + train.name() + "' is empty");
        if (testSet != null && testSet.features() != trainSet.features()) {
            throw new IllegalArgumentException("training and test images differ in size: " + trainSet.features() + " vs " + testSet.features());
        }
        Nd4jRuntime.configure(c.threads());

        int inputs = trainSet.features(), batch = Math.min(c.batch(), trainSet.size());
        LifNetwork net = NetworkFactory.create(inputs, c.hidden(), trainSet.classes(), c.hiddenNeuron(), c.readoutNeuron(),
                c.initializer(), Seeds.mix(c.seed(), Seeds.INIT), DataType.FLOAT);
        InputSpec input = InputSpec.newBuilder()
                .addShape(1).addShape(trainSet.rows()).addShape(trainSet.cols())
                .setEncoding(Encoding.RATE).setSteps(c.steps()).setEncodingSeed(c.effectiveEncodingSeed()).setGain(c.gain())
                .build();
        Gradients grads = new Gradients(net);
        Optimizer optimizer = new Adam(parameters(net, grads), c.adamBeta1(), c.adamBeta2(), c.adamEpsilon());
        RateEncoder trainEncoding = new RateEncoder(c.steps(), c.gain(), Seeds.mix(c.seed(), Seeds.TRAIN_ENCODING));

        List<EpochMetrics> epochs = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        EpochStats last = null;
        FloatEvaluation eval = null;
        try (RateBatchEncoder encoder = new RateBatchEncoder(trainEncoding, inputs, c.threads())) {
            EpochRunner runner = new EpochRunner(net, new BatchWorkspace(net, c.steps(), batch), grads, optimizer,
                    c.lossTerms(), EngineOptions.training(c.surrogate()), encoder, c.seed());
            for (int epoch = 1; epoch <= c.epochs(); epoch++) {
                double lr = c.schedule().learningRate(epoch, c.epochs(), c.learningRate());
                int e = epoch;
                last = runner.run(trainSet, epoch, lr, (b, n, loss, rate) -> events.onBatch(e, b, n, loss, rate));
                seconds.add(last.seconds());
                boolean evaluate = testSet != null && (c.evaluateEachEpoch() || epoch == c.epochs());
                long evalStart = System.nanoTime();
                eval = evaluate ? NetworkEvaluator.evaluate(net, input, testSet, FloatEvaluator.DEFAULT_BATCH, c.threads(), null) : null;
                EpochMetrics m = epochMetrics(epoch, last, eval, lr, (System.nanoTime() - evalStart) / 1e9);
                epochs.add(m);
                events.onEpoch(m);
            }
        }

        double testAccuracy = eval == null ? Double.NaN : eval.accuracy();
        double[] rates = eval == null ? last.firingRates() : eval.firingRates();
        double synOps = eval == null ? Double.NaN : eval.synapticOpsPerSample();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_accuracy", last.accuracy());
        metrics.put("train_loss", last.loss());
        metrics.put("train_seconds", seconds.stream().mapToDouble(Double::doubleValue).sum());
        if (eval != null) {
            metrics.put("test_accuracy", testAccuracy);
            metrics.put("spikes_per_sample", eval.spikesPerSample());
            metrics.put("input_spikes_per_sample", eval.inputSpikesPerSample());
            metrics.put("synaptic_ops_per_sample", synOps);
        }
        for (int l = 0; l < rates.length; l++) metrics.put("firing_rate_" + net.layer(l).name(), rates[l]);
        TrainedNetwork artifact = ArtifactBuilder.build(c.networkName(inputs, trainSet.classes()), input, net,
                new ArtifactBuilder.Origin(c.seed(), ArtifactBuilder.datasetName(trainSet.name()), trainSet.size(),
                        testSet == null ? 0 : testSet.size(), c.surrogate().spec(), c.hyperparameters(), metrics, epochs));
        return new TrainingResult(artifact, testAccuracy, last.accuracy(), seconds, rates, synOps, epochs);
    }

    private static List<Parameter> parameters(LifNetwork net, Gradients grads) {
        List<Parameter> p = new ArrayList<>();
        for (int l = 0; l < net.depth(); l++) {
            p.add(new Parameter(net.layer(l).name() + ".weights", net.layer(l).weights(), grads.weights(l)));
            p.add(new Parameter(net.layer(l).name() + ".bias", net.layer(l).bias(), grads.bias(l)));
        }
        return p;
    }

    private static EpochMetrics epochMetrics(int epoch, EpochStats s, FloatEvaluation eval, double lr, double evalSeconds) {
        EpochMetrics.Builder m = EpochMetrics.newBuilder()
                .setEpoch(epoch).setLoss(s.loss()).setTrainAccuracy(s.accuracy()).setSeconds(s.seconds())
                .putExtra("learning_rate", lr);
        double[] rates = s.firingRates();
        if (eval != null) {
            m.setTestAccuracy(eval.accuracy()).putExtra("eval_seconds", evalSeconds)
                    .putExtra("synaptic_ops_per_sample", eval.synapticOpsPerSample());
            rates = eval.firingRates();
        }
        for (double r : rates) m.addFiringRate(r);
        return m.build();
    }
}
