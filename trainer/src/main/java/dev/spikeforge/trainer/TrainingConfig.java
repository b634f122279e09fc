package dev.spikeforge.trainer;

import static dev.spikeforge.trainer.config.TrainingDefaults.*;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.adapt.SurrogateAdaptation;
import dev.spikeforge.trainer.config.EncodingSpec;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.LossSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.config.OptimizerSpec;
import dev.spikeforge.trainer.config.TrainingDefaults;
import dev.spikeforge.trainer.input.Augmentation;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that determines a training run. Immutable: {@link #toBuilder()} sets several settings
 * and checks them together once; a {@code withX} changes one. Defaults: {@link TrainingDefaults}.
 * {@link #defaults()} is a general starting point, {@link #demo()} the fast configuration the
 * product demo uses. Settings that cannot work throw a {@link ConfigException} naming the setting.
 *
 * @param name artifact name; null derives one from the layer sizes
 * @param layers hidden layers in order, before the readout (784-H-10 for one dense(H))
 * @param input how samples are encoded, and the number of steps
 * @param neuron initial neuron parameters and which are learned
 * @param optimizer Adam/AdamW, learning rate, schedule, clipping
 * @param loss score mode, cross-entropy scale and extra loss terms
 * @param surrogate the spike function's pseudo-derivative
 * @param initializer initial weights
 * @param batch samples per optimizer step
 * @param limit training samples used (0 = all); testLimit likewise for the test set
 * @param evaluateEachEpoch evaluate the test set after every epoch (else only after the last)
 * @param augmentation training images are flipped and shifted at random (never the test images)
 * @param surrogateAdaptation how the surrogate changes per epoch and layer (AdaLi window schedule,
 *     chi adaptation)
 * @param quantization hybrid (quantized, annealed) activations and straight-through weight
 *     quantization
 * @param dropout training only: each hidden layer's output reaches the next layer through a mask
 *     dropping a unit with this probability for a whole sample (kept ones scaled by 1/(1 − P)); 0 =
 *     off
 */
public record TrainingConfig(
        String name,
        List<LayerSpec> layers,
        EncodingSpec input,
        NeuronSpec neuron,
        OptimizerSpec optimizer,
        LossSpec loss,
        Surrogate surrogate,
        Initializer initializer,
        int batch,
        int epochs,
        long seed,
        int threads,
        int limit,
        int testLimit,
        boolean evaluateEachEpoch,
        Augmentation augmentation,
        SurrogateAdaptation surrogateAdaptation,
        QuantizationSpec quantization,
        double dropout) {

    public TrainingConfig {
        layers = List.copyOf(layers);
        Objects.requireNonNull(augmentation, "augmentation");
        if (surrogateAdaptation == null) surrogateAdaptation = SurrogateAdaptation.NONE;
        if (quantization == null) quantization = QuantizationSpec.NONE;
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(neuron, "neuron");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(initializer, "initializer");
        if (layers.isEmpty() && loss.score() != ScoreMode.SCORE_SPIKE_COUNT) {
            throw new ConfigException("layers", "at least one hidden layer is needed");
        }
        boolean seenNonConv = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l instanceof LayerSpec.Conv && seenNonConv) {
                throw new ConfigException(
                        "layers",
                        "conv layers must come first: they need an image-shaped input, got "
                                + describe(layers));
            }
            seenNonConv |= !(l instanceof LayerSpec.Conv);
            for (int s : l.sources()) {
                if (s >= i)
                    throw new ConfigException(
                            "layers",
                            "layer "
                                    + i
                                    + " can only read earlier layers (or -1, the input), not "
                                    + s);
            }
        }
        if (input.kind() == Encoding.SEQUENTIAL
                && !layers.isEmpty()
                && layers.get(0) instanceof LayerSpec.Conv) {
            throw new ConfigException(
                    "encoding",
                    "sequential encoding presents one image row per step, but conv layers need the "
                            + "whole image: use direct, rate or latency encoding with conv layers");
        }
        // Every connection delays by one step: the last layer first hears the input at step (hidden
        // layers + 1).
        int minSteps = layers.size() + 2;
        if (input.steps() < minSteps) {
            throw new ConfigException(
                    "steps",
                    "must be >= "
                            + minSteps
                            + " for "
                            + layers.size()
                            + " hidden layer(s) (each layer adds one step of delay), got "
                            + input.steps());
        }
        if (batch < 1) throw new ConfigException("batch", "must be >= 1, got " + batch);
        if (quantization != null
                && quantization.hybrid() != null
                && quantization.hybrid().spikingEpochs() >= epochs) {
            throw new ConfigException(
                    "hybrid",
                    "needs more epochs ("
                            + epochs
                            + ") than its "
                            + quantization.hybrid().spikingEpochs()
                            + " fully spiking final epoch(s), or it never trains with quantized"
                            + " activations");
        }
        if (epochs < 1) throw new ConfigException("epochs", "must be >= 1, got " + epochs);
        if (threads < 1) throw new ConfigException("threads", "must be >= 1, got " + threads);
        if (limit < 0) throw new ConfigException("limit", "must be >= 0 (0 = all), got " + limit);
        if (testLimit < 0)
            throw new ConfigException("test_limit", "must be >= 0 (0 = all), got " + testLimit);
        if (!(dropout >= 0 && dropout < 1))
            throw new ConfigException("dropout", "must be in [0, 1) (0 = off), got " + dropout);
    }

    /**
     * A general starting point: 784-128-10 with rate coding, T = 20, 2 epochs of Adam at 2e-3 with
     * a per-epoch cosine decay to a tenth. The loss scale 0.2 softens the softmax on the readout's
     * summed potential, which learned better than 1.0 (see docs/benchmarks.md, "Default and demo
     * configurations").
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(
                null,
                List.of(new LayerSpec.Dense(HIDDEN)),
                EncodingSpec.rate(STEPS, GAIN),
                new NeuronSpec(DU, DV, THRESHOLD, Reset.TO_ZERO, READOUT_DV, false, false),
                new OptimizerSpec(
                        LEARNING_RATE,
                        ADAM_BETA1,
                        ADAM_BETA2,
                        ADAM_EPSILON,
                        0.0,
                        0.0,
                        EpochSchedule.cosine(LR_FLOOR)),
                new LossSpec(ScoreMode.SCORE_FINAL_POTENTIAL, LOSS_SCALE, List.of()),
                new FastSigmoid(SURROGATE_DAMPENING, SURROGATE_SHARPNESS),
                new ScaledNormalInitializer(INIT_GAIN),
                BATCH,
                EPOCHS,
                SEED,
                THREADS,
                0,
                0,
                true,
                Augmentation.NONE,
                SurrogateAdaptation.NONE,
                QuantizationSpec.NONE,
                DROPOUT);
    }

    /**
     * The product demo: {@link #defaults()} with T = 15, short enough for the demo's two epochs
     * (its accuracy and time: docs/benchmarks.md, "Default and demo configurations" and "Demo").
     */
    public static TrainingConfig demo() {
        return defaults().withSteps(DEMO_STEPS);
    }

    // ---- convenience views of the parts

    public int steps() {
        return input.steps();
    }

    public float gain() {
        return input.gain();
    }

    public double learningRate() {
        return optimizer.learningRate();
    }

    public EpochSchedule schedule() {
        return optimizer.schedule();
    }

    /** Sizes of the hidden layers (output channels for conv layers). */
    public int[] hidden() {
        return layers.stream().mapToInt(LayerSpec::units).toArray();
    }

    public FloatLif hiddenNeuron() {
        return neuron.hidden();
    }

    public FloatLif readoutNeuron() {
        return neuron.readout();
    }

    /**
     * Steps on which a hidden layer's input-driven spikes can reach the {@code final} score: with
     * one step of delay per connection, layer l (0-based) is first driven on step l + 1 and reaches
     * the readout's last step only up to step T − L + l, L the layer count with the readout: T − L
     * steps each (at most; latency spikes come later).
     */
    public int scoredSpikeSteps() {
        return input.steps() - depth();
    }

    /** Layers with the readout: the steps of delay from the input to the score. */
    public int depth() {
        return layers.size() + 1;
    }

    public long effectiveEncodingSeed() {
        return input.encodingSeed() == null ? seed : input.encodingSeed();
    }

    /** The cross-entropy followed by the extra terms. */
    public List<LossTerm> lossTerms() {
        List<LossTerm> terms = new ArrayList<>();
        terms.add(new SoftmaxCrossEntropy(loss.scale()));
        terms.addAll(loss.extra());
        return terms;
    }

    /**
     * The artifact name: the configured one, else e.g. "snn-784-128-10" or "snn-784-c16-c32-10".
     */
    public String networkName(int inputs, int outputs) {
        if (name != null && !name.isBlank()) return name;
        StringBuilder s = new StringBuilder("snn-").append(inputs);
        for (LayerSpec l : layers) s.append('-').append(l.tag());
        return s.append('-').append(outputs).toString();
    }

    /**
     * Every setting as text, for the artifact's provenance and to check that a resumed run is the
     * same run.
     */
    public Map<String, String> hyperparameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layers", describe(layers));
        m.put("hidden", Arrays.toString(hidden()));
        m.put("steps", Integer.toString(input.steps()));
        m.put("batch", Integer.toString(batch));
        m.put("epochs", Integer.toString(epochs));
        m.put("learning_rate", Double.toString(optimizer.learningRate()));
        m.put("schedule", optimizer.schedule().describe());
        m.put("optimizer", optimizer.describe());
        m.put(
                "clip_norm",
                optimizer.clipNorm() > 0 ? Double.toString(optimizer.clipNorm()) : "off");
        m.put("threads", Integer.toString(threads));
        m.put("encoding", input.kindName());
        m.put("gain", Float.toString(input.gain()));
        if (input.kind() == Encoding.LATENCY)
            m.put("latency_cutoff", Float.toString(input.latencyCutoff()));
        m.put("limit", Integer.toString(limit));
        m.put("test_limit", Integer.toString(testLimit));
        FloatLif h = hiddenNeuron(), r = readoutNeuron();
        m.put(
                "hidden_neuron",
                "du="
                        + h.du()
                        + ", dv="
                        + h.dv()
                        + ", threshold="
                        + h.threshold()
                        + ", reset="
                        + h.reset());
        m.put("readout_neuron", "du=" + r.du() + ", dv=" + r.dv());
        m.put("learn_leaks", Boolean.toString(neuron.learnLeaks()));
        m.put("learn_thresholds", Boolean.toString(neuron.learnThresholds()));
        m.put("surrogate", surrogate.describe());
        m.putAll(surrogateAdaptation.describe(surrogate));
        m.put("reset_gradient", "detached");
        m.putAll(quantization.describe());
        if (dropout > 0)
            m.put("dropout", Double.toString(dropout)); // absent when off: older runs still resume
        m.put("initializer", initializer.describe());
        m.put("score", LossSpec.name(loss.score()));
        m.put("loss", String.join(" + ", lossTerms().stream().map(LossTerm::describe).toList()));
        m.put("loss_scale", Double.toString(loss.scale()));
        if (input.kind() == Encoding.RATE) {
            m.put(
                    "train_encoding",
                    "rate, seed derived from the training seed, key = (epoch - 1) * samples +"
                            + " index");
        }
        if (augmentation.active()) m.put("augmentation", augmentation.describe());
        m.put("last_partial_batch", "skipped (reshuffled every epoch)");
        return m;
    }

    private static String describe(List<LayerSpec> layers) {
        return String.join(", ", layers.stream().map(LayerSpec::describe).toList());
    }

    // ---- changed copies

    /**
     * A builder holding this configuration's settings: set several, then check them together once
     * with build().
     */
    public TrainingConfigBuilder toBuilder() {
        return new TrainingConfigBuilder(this);
    }

    // One setting changed, checked at once: to change several that depend on each other, use
    // toBuilder().
    public TrainingConfig withName(String v) {
        return toBuilder().name(v).build();
    }

    public TrainingConfig withLayers(LayerSpec... v) {
        return toBuilder().layers(List.of(v)).build();
    }

    public TrainingConfig withLayers(List<LayerSpec> v) {
        return toBuilder().layers(v).build();
    }

    /** Dense hidden layers of these sizes. */
    public TrainingConfig withHidden(int... sizes) {
        return toBuilder().hidden(sizes).build();
    }

    public TrainingConfig withInput(EncodingSpec v) {
        return toBuilder().input(v).build();
    }

    public TrainingConfig withNeuron(NeuronSpec v) {
        return toBuilder().neuron(v).build();
    }

    public TrainingConfig withOptimizer(OptimizerSpec v) {
        return toBuilder().optimizer(v).build();
    }

    public TrainingConfig withLoss(LossSpec v) {
        return toBuilder().loss(v).build();
    }

    public TrainingConfig withSurrogate(Surrogate v) {
        return toBuilder().surrogate(v).build();
    }

    /** AdaLi's window schedule and chi adaptation. */
    public TrainingConfig withSurrogateAdaptation(SurrogateAdaptation v) {
        return toBuilder().surrogateAdaptation(v).build();
    }

    /** Hybrid activations and weight quantization. */
    public TrainingConfig withQuantization(QuantizationSpec v) {
        return toBuilder().quantization(v).build();
    }

    public TrainingConfig withInitializer(Initializer v) {
        return toBuilder().initializer(v).build();
    }

    public TrainingConfig withBatch(int v) {
        return toBuilder().batch(v).build();
    }

    public TrainingConfig withEpochs(int v) {
        return toBuilder().epochs(v).build();
    }

    public TrainingConfig withSeed(long v) {
        return toBuilder().seed(v).build();
    }

    public TrainingConfig withThreads(int v) {
        return toBuilder().threads(v).build();
    }

    public TrainingConfig withLimit(int v) {
        return toBuilder().limit(v).build();
    }

    public TrainingConfig withTestLimit(int v) {
        return toBuilder().testLimit(v).build();
    }

    public TrainingConfig withEvaluateEachEpoch(boolean v) {
        return toBuilder().evaluateEachEpoch(v).build();
    }

    public TrainingConfig withAugmentation(Augmentation v) {
        return toBuilder().augmentation(v).build();
    }

    /** Dropout probability on the hidden layers' outputs during training (0 = off). */
    public TrainingConfig withDropout(double v) {
        return toBuilder().dropout(v).build();
    }

    public TrainingConfig withEncoding(Encoding v) {
        return toBuilder().encoding(v).build();
    }

    public TrainingConfig withSteps(int v) {
        return toBuilder().steps(v).build();
    }

    public TrainingConfig withGain(float v) {
        return toBuilder().gain(v).build();
    }

    public TrainingConfig withEncodingSeed(Long v) {
        return toBuilder().encodingSeed(v).build();
    }

    public TrainingConfig withDu(double v) {
        return toBuilder().du(v).build();
    }

    public TrainingConfig withDv(double v) {
        return toBuilder().dv(v).build();
    }

    public TrainingConfig withThreshold(double v) {
        return toBuilder().threshold(v).build();
    }

    public TrainingConfig withReset(Reset v) {
        return toBuilder().reset(v).build();
    }

    public TrainingConfig withReadoutDv(double v) {
        return toBuilder().readoutDv(v).build();
    }

    public TrainingConfig withLearnLeaks(boolean v) {
        return toBuilder().learnLeaks(v).build();
    }

    public TrainingConfig withLearnThresholds(boolean v) {
        return toBuilder().learnThresholds(v).build();
    }

    public TrainingConfig withLearningRate(double v) {
        return toBuilder().learningRate(v).build();
    }

    public TrainingConfig withSchedule(EpochSchedule v) {
        return toBuilder().schedule(v).build();
    }

    public TrainingConfig withAdam(double beta1, double beta2, double epsilon) {
        return toBuilder().adam(beta1, beta2, epsilon).build();
    }

    public TrainingConfig withWeightDecay(double v) {
        return toBuilder().weightDecay(v).build();
    }

    public TrainingConfig withClipNorm(double v) {
        return toBuilder().clipNorm(v).build();
    }

    public TrainingConfig withScore(ScoreMode v) {
        return toBuilder().score(v).build();
    }

    public TrainingConfig withLossScale(double v) {
        return toBuilder().lossScale(v).build();
    }

    public TrainingConfig withExtraLossTerms(LossTerm... v) {
        return toBuilder().extraLossTerms(List.of(v)).build();
    }
}
