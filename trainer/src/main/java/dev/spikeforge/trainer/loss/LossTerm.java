package dev.spikeforge.trainer.loss;

/**
 * One additive part of the training loss. Terms are summed; each adds its own gradient into the
 * context.
 */
public interface LossTerm {
    /**
     * Returns this term's value for the batch (already averaged over samples) and adds its
     * gradient.
     */
    double accumulate(LossContext context);

    /** Short description recorded in provenance. */
    String describe();
}
