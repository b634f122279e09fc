package dev.spikeforge.trainer.train;

import dev.spikeforge.trainer.engine.DropoutMasks;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.extension.TrainingExtension;

/**
 * Dropout as a training method: hands the masks to the engine and draws new ones before every batch
 * from a seed fixed by the run's seed, the epoch, the batch and the layer, so a resumed run draws
 * the same masks as an uninterrupted one.
 */
public final class DropoutRefill implements TrainingExtension {
    private final DropoutMasks masks;
    private final long seed;

    /**
     * @param seed the run's dropout seed, {@code Seeds.mix(seed, Seeds.DROPOUT)}
     */
    public DropoutRefill(DropoutMasks masks, long seed) {
        this.masks = masks;
        this.seed = seed;
    }

    @Override
    public EngineOptions configure(EngineOptions options) {
        return options.withDropout(masks);
    }

    @Override
    public void beforeBatch(Batch batch) {
        long batchSeed = Seeds.mix(seed, batch.key());
        for (int l = 0; l < masks.layers(); l++) masks.refill(l, Seeds.mix(batchSeed, l + 1));
    }
}
