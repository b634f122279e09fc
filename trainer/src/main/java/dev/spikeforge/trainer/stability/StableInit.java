package dev.spikeforge.trainer.stability;

import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.network.LayerShape;
import java.util.SplittableRandom;

/**
 * The configuration's request for stability-based initialization ({@code train --init stable}). It
 * cannot draw weights by itself: the trainer measures the first layer's input statistics on the
 * training data, solves a {@link StabilityPlan} and draws with its {@link StableInitializer}, gives
 * each spiking layer the chosen surrogate, then pre-tunes the biases toward {@code initialRate}.
 *
 * @param initialRate target initial firing rate of every spiking hidden layer; NaN: no bias
 *     pre-tuning
 * @param tuningBatches batches the bias pre-tuning measures rates on
 * @param family the surrogate shape whose sharpness and dampening are chosen
 */
public record StableInit(double initialRate, int tuningBatches, SurrogateFamily family)
        implements Initializer {
    /** Samples of the training set the first layer's input statistics are measured on. */
    public static final int STATISTICS_SAMPLES = 1000;

    public StableInit {
        if (!Double.isNaN(initialRate) && !(initialRate > 0 && initialRate < 1)) {
            throw new IllegalArgumentException(
                    "initial rate must be in (0, 1), got " + initialRate);
        }
        if (tuningBatches < 1)
            throw new IllegalArgumentException("tuning batches must be >= 1, got " + tuningBatches);
    }

    public StableInit(double initialRate) {
        this(initialRate, 4, SurrogateFamily.FAST_SIGMOID);
    }

    public boolean tunesBiases() {
        return !Double.isNaN(initialRate);
    }

    @Override
    public void initialize(
            LayerShape shape, float[] weights, float[] bias, SplittableRandom random) {
        throw new IllegalStateException(
                "stable initialization needs the data's statistics: the trainer resolves it into a"
                        + " StableInitializer");
    }

    @Override
    public String describe() {
        return "stable(surrogate="
                + family.name()
                + (tunesBiases()
                        ? ", initial_rate=" + initialRate + ", tuning_batches=" + tuningBatches
                        : "")
                + ")";
    }
}
