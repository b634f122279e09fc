package dev.spikeforge.trainer.train;

import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;

/** Looks at a batch's forward state (potentials, spikes) after its backward pass, before the next batch overwrites it. */
@FunctionalInterface
public interface BatchObserver {
    /** @param batch 0-based batch number within the epoch */
    void afterBatch(BatchWorkspace ws, EngineOptions options, int batch);

    BatchObserver NONE = (ws, options, batch) -> { };
}
