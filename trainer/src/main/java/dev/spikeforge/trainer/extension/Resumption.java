package dev.spikeforge.trainer.extension;

import dev.spikeforge.proto.EpochMetrics;
import java.util.List;
import java.util.Map;

/**
 * A checkpointed run being continued, as one extension sees it.
 *
 * @param epochs the finished epochs' metrics, oldest first (the trainer writes a checkpoint only
 *     after an epoch)
 * @param state what this extension's {@link TrainingExtension#checkpointState} returned at the
 *     checkpoint; empty if it returned nothing or the checkpoint predates extension state
 */
public record Resumption(List<EpochMetrics> epochs, Map<String, String> state) {
    public Resumption {
        epochs = List.copyOf(epochs);
        state = Map.copyOf(state);
    }

    /**
     * The last finished epoch's metrics; check {@code epochs()} is not empty first if the
     * checkpoint may be foreign.
     */
    public EpochMetrics lastEpoch() {
        return epochs.get(epochs.size() - 1);
    }
}
