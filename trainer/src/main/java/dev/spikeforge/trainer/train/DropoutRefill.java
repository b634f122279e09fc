package dev.spikeforge.trainer.train;

import dev.spikeforge.trainer.engine.DropoutMasks;

/**
 * Draws new dropout masks before every batch from a seed fixed by the run's seed, the epoch, the batch and the layer,
 * so a resumed run draws the same masks as an uninterrupted one.
 */
public final class DropoutRefill implements BatchHook {
    private final DropoutMasks masks;
    private final long seed;

    /** @param seed the run's dropout seed, {@code Seeds.mix(seed, Seeds.DROPOUT)} */
    public DropoutRefill(DropoutMasks masks, long seed) {
        this.masks = masks;
        this.seed = seed;
    }

    @Override
    public void beforeBatch(int epoch, int batch, int batches) {
        long batchSeed = Seeds.mix(seed, (long) epoch << 32 | batch);
        for (int l = 0; l < masks.layers(); l++) masks.refill(l, Seeds.mix(batchSeed, l + 1));
    }
}
