package dev.spikeforge.trainer.config;

import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.loss.LossTerm;
import java.util.List;
import java.util.Objects;

/**
 * The training objective: softmax cross-entropy on {@code scale × score}, plus extra terms.
 *
 * @param score what the class score is: the readout potential after the last step, its maximum or
 *     mean over the steps, or the spike count of a spiking output layer
 * @param scale sharpness of the softmax; scores grow with T and the weights, the scale keeps the
 *     loss comparable
 * @param extra added to the cross-entropy (e.g. a spike-rate regularizer)
 */
public record LossSpec(ScoreMode score, double scale, List<LossTerm> extra) {

    public LossSpec {
        Objects.requireNonNull(score, "score");
        if (score == ScoreMode.UNRECOGNIZED)
            throw new ConfigException("score", "choose one of final, max, mean, count");
        if (!(scale > 0) || !Double.isFinite(scale))
            throw new ConfigException("loss_scale", "must be > 0, got " + scale);
        extra = List.copyOf(extra);
    }

    public LossSpec withScore(ScoreMode v) {
        return new LossSpec(v, scale, extra);
    }

    public LossSpec withScale(double v) {
        return new LossSpec(score, v, extra);
    }

    public LossSpec withExtra(List<LossTerm> v) {
        return new LossSpec(score, scale, v);
    }

    /** "final", "max", "mean" or "count". */
    public static String name(ScoreMode m) {
        return switch (m) {
            case SCORE_FINAL_POTENTIAL -> "final";
            case SCORE_MAX_POTENTIAL -> "max";
            case SCORE_MEAN_POTENTIAL -> "mean";
            case SCORE_SPIKE_COUNT -> "count";
            default -> m.name();
        };
    }

    /** The inverse of {@link #name}. */
    public static ScoreMode parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "final", "last" -> ScoreMode.SCORE_FINAL_POTENTIAL;
            case "max" -> ScoreMode.SCORE_MAX_POTENTIAL;
            case "mean" -> ScoreMode.SCORE_MEAN_POTENTIAL;
            case "count", "spikes" -> ScoreMode.SCORE_SPIKE_COUNT;
            default ->
                    throw new ConfigException(
                            "score", "unknown score '" + s + "'; choose final, max, mean or count");
        };
    }
}
