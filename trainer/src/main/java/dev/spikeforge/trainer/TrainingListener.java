package dev.spikeforge.trainer;

import dev.spikeforge.proto.EpochMetrics;

/**
 * Training progress. Both methods default to doing nothing, so a listener implements only what it
 * shows. The trainer calls it as its last {@link
 * dev.spikeforge.trainer.extension.TrainingExtension} (after every batch's optimizer step, after
 * every epoch's checkpoint).
 */
public interface TrainingListener {
    /**
     * After every optimizer step.
     *
     * @param epoch 1-based epoch
     * @param batch 1-based batch within the epoch, of {@code batches}, for display: {@code
     *     Batch.index() + 1}
     * @param loss the batch's training loss
     * @param firingRate mean spikes per hidden neuron per step in the batch
     */
    default void onBatch(int epoch, int batch, int batches, double loss, double firingRate) {}

    /** After every epoch, with its test evaluation when a test set was given. */
    default void onEpoch(EpochMetrics metrics) {}

    TrainingListener NONE = new TrainingListener() {};
}
