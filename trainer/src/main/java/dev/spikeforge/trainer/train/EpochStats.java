package dev.spikeforge.trainer.train;

/** What one training epoch measured on its own batches. */
public record EpochStats(
        double loss, double accuracy, double[] firingRates, int samples, double seconds) {}
