package dev.spikeforge.trainer.train;

/** Called after every optimizer step (batch 1-based). */
@FunctionalInterface
public interface BatchCallback {
    void onBatch(int batch, int batches, double loss, double firingRate);
}
