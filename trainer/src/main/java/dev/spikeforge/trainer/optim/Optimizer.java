package dev.spikeforge.trainer.optim;

/** Applies one update to its parameters from their current gradients. */
public interface Optimizer {
    void step(double learningRate);

    /** Short description recorded in provenance. */
    String describe();
}
