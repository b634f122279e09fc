package dev.spikeforge.trainer.extension;

/**
 * Where a batch is in the run; the one batch numbering of the training loop.
 *
 * @param epoch 1-based
 * @param index 0-based within the epoch
 * @param count batches in the epoch
 */
public record Batch(int epoch, int index, int count) {
    /** Epochs done before this batch, fractional: (epoch − 1) + index / count. */
    public double progress() {
        return epoch - 1 + (count == 0 ? 0 : index / (double) count);
    }

    /**
     * A key unique to (epoch, index), to derive this batch's random draws from a run's seed (e.g.
     * dropout masks).
     */
    public long key() {
        return (long) epoch << 32 | index;
    }
}
