package dev.spikeforge.trainer;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
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
 * Everything that determines a training run. Immutable: every {@code withX} returns a changed copy.
 * {@link #defaults()} is a general starting point, {@link #demo()} the fast configuration the product demo uses.
 *
 * @param name            artifact name; null derives one from the layer sizes
 * @param hidden          hidden layer sizes (784-H-10 for {H})
 * @param steps           simulation steps T per sample
 * @param batch           samples per optimizer step
 * @param limit           training samples used (0 = all); testLimit likewise for the test set
 * @param gain            rate coding: spike probability per step = gain × pixel value
 * @param du              hidden neurons' current decay (1 = no synaptic memory); dv their voltage decay;
 *                        both are snapped to the chip's 12-bit grid before training
 * @param readoutDv       readout voltage decay (0 = the score is the plain sum of its input over the steps)
 * @param lossScale       softmax cross-entropy is taken on lossScale × score
 * @param extraLossTerms  added to the cross-entropy (e.g. a spike-rate regularizer)
 * @param encodingSeed    seed of the evaluation encoding stored in the artifact; null = the training seed
 * @param evaluateEachEpoch evaluate the test set after every epoch (else only after the last)
 */
public record TrainingConfig(String name, int[] hidden, int steps, int batch, int epochs, double learningRate, long seed,
                             int threads, float gain, int limit, int testLimit, double du, double dv, double threshold,
                             Reset reset, double readoutDv, Surrogate surrogate, Initializer initializer, double lossScale,
                             List<LossTerm> extraLossTerms, EpochSchedule schedule, double adamBeta1, double adamBeta2,
                             double adamEpsilon, Long encodingSeed, boolean evaluateEachEpoch) {

    public TrainingConfig {
        hidden = hidden.clone();
        extraLossTerms = List.copyOf(extraLossTerms);
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(schedule, "schedule");
        if (hidden.length == 0) throw new IllegalArgumentException("at least one hidden layer is needed");
        for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden layer sizes must be >= 1, got " + Arrays.toString(hidden));
        // Every connection delays by one step: the readout first hears the input at step (hidden layers + 1).
        if (steps < hidden.length + 2) {
            throw new IllegalArgumentException("steps must be >= " + (hidden.length + 2) + " for " + hidden.length
                    + " hidden layer(s) (each layer adds one step of delay), got " + steps);
        }
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (!(gain > 0)) throw new IllegalArgumentException("gain must be > 0, got " + gain);
        if (limit < 0 || testLimit < 0) throw new IllegalArgumentException("limits must be >= 0 (0 = all)");
        if (!(lossScale > 0)) throw new IllegalArgumentException("loss scale must be > 0, got " + lossScale);
        new FloatLif(du, dv, threshold, reset);      // validates the neuron parameters
        new FloatLif(1.0, readoutDv, 1.0, Reset.TO_ZERO);
    }

    /**
     * A general starting point: 784-128-10, T = 20, 2 epochs of Adam at 2e-3 with a per-epoch cosine decay to a
     * tenth. The loss scale 0.2 softens the softmax on the readout's summed potential; it measured +1.3 points over
     * 1.0 after one epoch on Fashion-MNIST.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(null, new int[]{128}, 20, 128, 2, 2e-3, 42L, 2, 1.0f, 0, 0,
                1.0, 0.05, 1.0, Reset.TO_ZERO, 0.0, new FastSigmoid(1.0, 1.0), new ScaledNormalInitializer(1.0), 0.2,
                List.of(), EpochSchedule.cosine(0.1), 0.9, 0.999, 1e-8, null, true);
    }

    /**
     * The product demo: {@link #defaults()} with T = 15. Measured on the full Fashion-MNIST with 2 busy cores:
     * 85.4–85.6 % float test accuracy (3 seeds) in 2 epochs of 11–13 s each, and the 8-bit compiled network
     * (loihi1 profile) within 0.1 points of it.
     */
    public static TrainingConfig demo() {
        return defaults().withSteps(15);
    }

    /** The hidden neurons as trained: du, dv moved onto the fixed-point grid so the chip represents them exactly. */
    public FloatLif hiddenNeuron() {
        return new FloatLif(du, dv, threshold, reset).snappedToFixedGrid();
    }

    /** The readout: integrates only (threshold unused). */
    public FloatLif readoutNeuron() {
        return new FloatLif(1.0, readoutDv, 1.0, Reset.TO_ZERO).snappedToFixedGrid();
    }

    public long effectiveEncodingSeed() {
        return encodingSeed == null ? seed : encodingSeed;
    }

    /** The cross-entropy followed by the extra terms. */
    public List<LossTerm> lossTerms() {
        List<LossTerm> terms = new ArrayList<>();
        terms.add(new SoftmaxCrossEntropy(lossScale));
        terms.addAll(extraLossTerms);
        return terms;
    }

    /** The artifact name: the configured one, else e.g. "snn-784-128-10". */
    public String networkName(int inputs, int outputs) {
        if (name != null && !name.isBlank()) return name;
        StringBuilder s = new StringBuilder("snn-").append(inputs);
        for (int h : hidden) s.append('-').append(h);
        return s.append('-').append(outputs).toString();
    }

    /** Every setting as text, for the artifact's provenance. */
    public Map<String, String> hyperparameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.toString(hidden));
        m.put("steps", Integer.toString(steps));
        m.put("batch", Integer.toString(batch));
        m.put("epochs", Integer.toString(epochs));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("schedule", schedule.describe());
        m.put("optimizer", "adam(beta1=" + adamBeta1 + ", beta2=" + adamBeta2 + ", eps=" + adamEpsilon + ")");
        m.put("threads", Integer.toString(threads));
        m.put("encoding", "rate");
        m.put("gain", Float.toString(gain));
        m.put("limit", Integer.toString(limit));
        m.put("test_limit", Integer.toString(testLimit));
        FloatLif h = hiddenNeuron(), r = readoutNeuron();
        m.put("hidden_neuron", "du=" + h.du() + ", dv=" + h.dv() + ", threshold=" + h.threshold() + ", reset=" + h.reset());
        m.put("readout_neuron", "du=" + r.du() + ", dv=" + r.dv());
        m.put("surrogate", surrogate.spec().getShape() + "(gamma=" + surrogate.spec().getDampening() + ", sharpness=" + surrogate.spec().getSharpness() + ")");
        m.put("reset_gradient", "detached");
        m.put("initializer", initializer.describe());
        m.put("loss", String.join(" + ", lossTerms().stream().map(LossTerm::describe).toList()));
        m.put("loss_scale", Double.toString(lossScale));
        m.put("train_encoding", "rate, seed derived from the training seed, key = (epoch - 1) * samples + index");
        m.put("last_partial_batch", "skipped (reshuffled every epoch)");
        return m;
    }

    public TrainingConfig withName(String v) { return new TrainingConfig(v, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withHidden(int... v) { return new TrainingConfig(name, v, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withSteps(int v) { return new TrainingConfig(name, hidden, v, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withBatch(int v) { return new TrainingConfig(name, hidden, steps, v, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withEpochs(int v) { return new TrainingConfig(name, hidden, steps, batch, v, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withLearningRate(double v) { return new TrainingConfig(name, hidden, steps, batch, epochs, v, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withSeed(long v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, v, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withThreads(int v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, v, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withGain(float v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, v, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withLimit(int v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, v, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withTestLimit(int v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, v, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withDu(double v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, v, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withDv(double v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, v, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withThreshold(double v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, v, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withReset(Reset v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, v, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withReadoutDv(double v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, v, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withSurrogate(Surrogate v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, v, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withInitializer(Initializer v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, v, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withLossScale(double v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, v, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withExtraLossTerms(LossTerm... v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, List.of(v), schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withSchedule(EpochSchedule v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, v, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withAdam(double beta1, double beta2, double epsilon) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, beta1, beta2, epsilon, encodingSeed, evaluateEachEpoch); }
    public TrainingConfig withEncodingSeed(Long v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, v, evaluateEachEpoch); }
    public TrainingConfig withEvaluateEachEpoch(boolean v) { return new TrainingConfig(name, hidden, steps, batch, epochs, learningRate, seed, threads, gain, limit, testLimit, du, dv, threshold, reset, readoutDv, surrogate, initializer, lossScale, extraLossTerms, schedule, adamBeta1, adamBeta2, adamEpsilon, encodingSeed, v); }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && Arrays.equals(hidden, c.hidden) && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "TrainingConfig" + hyperparameters() + "{seed=" + seed + ", encodingSeed=" + encodingSeed + ", name=" + name
                + ", evaluateEachEpoch=" + evaluateEachEpoch + "}";
    }
}
