package dev.spikeforge.trainer;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.extension.TrainingExtension;

/**
 * Reports progress to a {@link TrainingListener}; registered last, so it sees each step after every
 * method.
 */
final class ListenerExtension implements TrainingExtension {
    private final TrainingListener listener;

    ListenerExtension(TrainingListener listener) {
        this.listener = listener;
    }

    @Override
    public void afterBatch(Batch batch, double loss, double firingRate) {
        // The listener's batch is the number shown to people: 1-based.
        listener.onBatch(batch.epoch(), batch.index() + 1, batch.count(), loss, firingRate);
    }

    @Override
    public void epochComplete(EpochMetrics metrics) {
        listener.onEpoch(metrics);
    }
}
