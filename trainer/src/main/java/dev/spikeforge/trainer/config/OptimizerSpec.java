package dev.spikeforge.trainer.config;

import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.train.EpochSchedule;
import java.util.Objects;

/**
 * Adam, or AdamW when {@code weightDecay > 0}, with a per-epoch learning-rate schedule and optional
 * clipping.
 *
 * @param weightDecay decoupled weight decay (AdamW) applied to weight matrices only, not to biases
 *     or neuron parameters: shrinking a threshold or a leak toward 0 would change the neuron model,
 *     not regularize
 * @param clipNorm the gradient of all parameters together is scaled down to this L2 norm when
 *     longer; 0 = off
 */
public record OptimizerSpec(
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay,
        double clipNorm,
        EpochSchedule schedule) {

    public OptimizerSpec {
        Objects.requireNonNull(schedule, "schedule");
        if (!(learningRate > 0) || !Double.isFinite(learningRate))
            throw new ConfigException("learning_rate", "must be > 0, got " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
            throw new ConfigException(
                    "optimizer", "Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        if (!(epsilon > 0))
            throw new ConfigException("optimizer", "Adam epsilon must be > 0, got " + epsilon);
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay))
            throw new ConfigException("weight_decay", "must be >= 0, got " + weightDecay);
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm))
            throw new ConfigException("clip_norm", "must be >= 0 (0 = off), got " + clipNorm);
    }

    public OptimizerSpec withLearningRate(double v) {
        return new OptimizerSpec(v, beta1, beta2, epsilon, weightDecay, clipNorm, schedule);
    }

    public OptimizerSpec withAdam(double b1, double b2, double eps) {
        return new OptimizerSpec(learningRate, b1, b2, eps, weightDecay, clipNorm, schedule);
    }

    public OptimizerSpec withWeightDecay(double v) {
        return new OptimizerSpec(learningRate, beta1, beta2, epsilon, v, clipNorm, schedule);
    }

    public OptimizerSpec withClipNorm(double v) {
        return new OptimizerSpec(learningRate, beta1, beta2, epsilon, weightDecay, v, schedule);
    }

    public OptimizerSpec withSchedule(EpochSchedule v) {
        return new OptimizerSpec(learningRate, beta1, beta2, epsilon, weightDecay, clipNorm, v);
    }

    public String describe() {
        return (weightDecay > 0 ? "adamw" : "adam")
                + "(beta1="
                + beta1
                + ", beta2="
                + beta2
                + ", eps="
                + epsilon
                + (weightDecay > 0 ? ", weight_decay=" + weightDecay : "")
                + ")";
    }
}
