package dev.spikeforge.trainer.train;

import java.util.SplittableRandom;

/**
 * The seeded order in which an epoch visits the training samples, and its split into full batches.
 */
public final class BatchOrder {
    private final int[] order;
    private final int batch;

    private BatchOrder(int[] order, int batch) {
        this.order = order;
        this.batch = batch;
    }

    /** A Fisher–Yates shuffle of 0 … samples−1 that depends only on (seed, epoch). */
    public static BatchOrder shuffled(int samples, int batch, long seed, int epoch) {
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) order[i] = i;
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, Seeds.SHUFFLE + epoch));
        for (int i = samples - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return new BatchOrder(order, batch);
    }

    /**
     * Full batches only: the remainder (fewer than one batch) is skipped this epoch and, being
     * reshuffled, used in others. Keeps every step the same shape, so one preallocated workspace
     * serves the whole run.
     */
    public int batches() {
        return order.length / batch;
    }

    /** Sample indices of batch k (0-based) into {@code out} (length = batch size). */
    public void indices(int k, int[] out) {
        System.arraycopy(order, k * batch, out, 0, batch);
    }
}
