package dev.spikeforge.trainer;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.adapt.SurrogateAdaptation;
import dev.spikeforge.trainer.config.EncodingSpec;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.LossSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.config.OptimizerSpec;
import dev.spikeforge.trainer.input.Augmentation;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.util.Arrays;
import java.util.List;

/**
 * Collects settings in any order and checks how they fit together once, in {@link #build()}: e.g.
 * many hidden layers may be set before the steps they need. A setter checks only its own value (a
 * part's record checks its fields); whatever spans settings is {@link TrainingConfig}'s check.
 * Start from {@link TrainingConfig#toBuilder()}.
 */
public final class TrainingConfigBuilder {
    private String name;
    private List<LayerSpec> layers;
    private EncodingSpec input;
    private NeuronSpec neuron;
    private OptimizerSpec optimizer;
    private LossSpec loss;
    private Surrogate surrogate;
    private Initializer initializer;
    private int batch, epochs, threads, limit, testLimit;
    private long seed;
    private boolean evaluateEachEpoch;
    private Augmentation augmentation;
    private SurrogateAdaptation surrogateAdaptation;
    private QuantizationSpec quantization;
    private double dropout;

    TrainingConfigBuilder(TrainingConfig c) {
        name = c.name();
        layers = c.layers();
        input = c.input();
        neuron = c.neuron();
        optimizer = c.optimizer();
        loss = c.loss();
        surrogate = c.surrogate();
        initializer = c.initializer();
        batch = c.batch();
        epochs = c.epochs();
        seed = c.seed();
        threads = c.threads();
        limit = c.limit();
        testLimit = c.testLimit();
        evaluateEachEpoch = c.evaluateEachEpoch();
        augmentation = c.augmentation();
        surrogateAdaptation = c.surrogateAdaptation();
        quantization = c.quantization();
        dropout = c.dropout();
    }

    /** The configuration, every cross-setting rule checked now. */
    public TrainingConfig build() {
        return new TrainingConfig(
                name,
                layers,
                input,
                neuron,
                optimizer,
                loss,
                surrogate,
                initializer,
                batch,
                epochs,
                seed,
                threads,
                limit,
                testLimit,
                evaluateEachEpoch,
                augmentation,
                surrogateAdaptation,
                quantization,
                dropout);
    }

    // ---- what the builder holds so far, for settings derived from others (e.g. steps from the
    // depth)

    public List<LayerSpec> layers() {
        return layers;
    }

    public EncodingSpec input() {
        return input;
    }

    public LossSpec loss() {
        return loss;
    }

    public Surrogate surrogate() {
        return surrogate;
    }

    public int epochs() {
        return epochs;
    }

    // ---- whole parts

    public TrainingConfigBuilder name(String v) {
        name = v;
        return this;
    }

    public TrainingConfigBuilder layers(List<LayerSpec> v) {
        layers = List.copyOf(v);
        return this;
    }

    /** Dense hidden layers of these sizes. */
    public TrainingConfigBuilder hidden(int... sizes) {
        return layers(
                Arrays.stream(sizes).mapToObj(s -> (LayerSpec) new LayerSpec.Dense(s)).toList());
    }

    public TrainingConfigBuilder input(EncodingSpec v) {
        input = v;
        return this;
    }

    public TrainingConfigBuilder neuron(NeuronSpec v) {
        neuron = v;
        return this;
    }

    public TrainingConfigBuilder optimizer(OptimizerSpec v) {
        optimizer = v;
        return this;
    }

    public TrainingConfigBuilder loss(LossSpec v) {
        loss = v;
        return this;
    }

    public TrainingConfigBuilder surrogate(Surrogate v) {
        surrogate = v;
        return this;
    }

    public TrainingConfigBuilder initializer(Initializer v) {
        initializer = v;
        return this;
    }

    public TrainingConfigBuilder batch(int v) {
        batch = v;
        return this;
    }

    public TrainingConfigBuilder epochs(int v) {
        epochs = v;
        return this;
    }

    public TrainingConfigBuilder seed(long v) {
        seed = v;
        return this;
    }

    public TrainingConfigBuilder threads(int v) {
        threads = v;
        return this;
    }

    public TrainingConfigBuilder limit(int v) {
        limit = v;
        return this;
    }

    public TrainingConfigBuilder testLimit(int v) {
        testLimit = v;
        return this;
    }

    public TrainingConfigBuilder evaluateEachEpoch(boolean v) {
        evaluateEachEpoch = v;
        return this;
    }

    public TrainingConfigBuilder augmentation(Augmentation v) {
        augmentation = v;
        return this;
    }

    public TrainingConfigBuilder surrogateAdaptation(SurrogateAdaptation v) {
        surrogateAdaptation = v;
        return this;
    }

    public TrainingConfigBuilder quantization(QuantizationSpec v) {
        quantization = v;
        return this;
    }

    public TrainingConfigBuilder dropout(double v) {
        dropout = v;
        return this;
    }

    // ---- one field of a part

    public TrainingConfigBuilder encoding(Encoding v) {
        return input(input.withKind(v));
    }

    public TrainingConfigBuilder steps(int v) {
        return input(input.withSteps(v));
    }

    public TrainingConfigBuilder gain(float v) {
        return input(input.withGain(v));
    }

    public TrainingConfigBuilder latencyCutoff(float v) {
        return input(input.withLatencyCutoff(v));
    }

    public TrainingConfigBuilder encodingSeed(Long v) {
        return input(input.withEncodingSeed(v));
    }

    public TrainingConfigBuilder du(double v) {
        return neuron(neuron.withDu(v));
    }

    public TrainingConfigBuilder dv(double v) {
        return neuron(neuron.withDv(v));
    }

    public TrainingConfigBuilder threshold(double v) {
        return neuron(neuron.withThreshold(v));
    }

    public TrainingConfigBuilder reset(Reset v) {
        return neuron(neuron.withReset(v));
    }

    public TrainingConfigBuilder readoutDv(double v) {
        return neuron(neuron.withReadoutDv(v));
    }

    public TrainingConfigBuilder learnLeaks(boolean v) {
        return neuron(neuron.withLearnLeaks(v));
    }

    public TrainingConfigBuilder learnThresholds(boolean v) {
        return neuron(neuron.withLearnThresholds(v));
    }

    public TrainingConfigBuilder learningRate(double v) {
        return optimizer(optimizer.withLearningRate(v));
    }

    public TrainingConfigBuilder schedule(EpochSchedule v) {
        return optimizer(optimizer.withSchedule(v));
    }

    public TrainingConfigBuilder adam(double beta1, double beta2, double epsilon) {
        return optimizer(optimizer.withAdam(beta1, beta2, epsilon));
    }

    public TrainingConfigBuilder weightDecay(double v) {
        return optimizer(optimizer.withWeightDecay(v));
    }

    public TrainingConfigBuilder clipNorm(double v) {
        return optimizer(optimizer.withClipNorm(v));
    }

    public TrainingConfigBuilder score(ScoreMode v) {
        return loss(loss.withScore(v));
    }

    public TrainingConfigBuilder lossScale(double v) {
        return loss(loss.withScale(v));
    }

    public TrainingConfigBuilder extraLossTerms(List<LossTerm> v) {
        return loss(loss.withExtra(v));
    }
}
