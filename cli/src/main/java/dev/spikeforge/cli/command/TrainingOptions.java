package dev.spikeforge.cli.command;

import dev.spikeforge.trainer.TrainingConfig;
import picocli.CommandLine.Option;

/** Training flags shared by `train` and `demo`; unset flags keep the base configuration's value. */
public final class TrainingOptions {
    @Option(names = "--hidden", split = ",", paramLabel = "H[,H...]", description = "Hidden layer sizes.")
    int[] hidden;

    @Option(names = "--steps", paramLabel = "T", description = "Simulation steps per sample.")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs.")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate.")
    Double lr;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (weights, batch order, training spikes).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for ND4J.")
    Integer threads;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training samples.")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test samples.")
    Integer testLimit;

    public TrainingConfig apply(TrainingConfig c) {
        if (hidden != null) c = c.withHidden(hidden);
        if (steps != null) c = c.withSteps(steps);
        if (batch != null) c = c.withBatch(batch);
        if (epochs != null) c = c.withEpochs(epochs);
        if (lr != null) c = c.withLearningRate(lr);
        if (seed != null) c = c.withSeed(seed);
        if (threads != null) c = c.withThreads(threads);
        if (limit != null) c = c.withLimit(limit);
        if (testLimit != null) c = c.withTestLimit(testLimit);
        return c;
    }
}
