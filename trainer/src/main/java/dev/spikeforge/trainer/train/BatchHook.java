package dev.spikeforge.trainer.train;

/**
 * Training-time work around each batch: schedules that move every batch (the sparsity loss weight), the hybrid
 * activations' fresh error state, swapping quantized weights in for the forward and backward pass and back out before
 * the optimizer step.
 */
public interface BatchHook {
    /** Before the batch's forward pass. @param batch 0-based, of {@code batches} in epoch {@code epoch} (1-based) */
    default void beforeBatch(int epoch, int batch, int batches) {}

    /** After the backward pass, before clipping and the optimizer step. */
    default void afterBackward() {}

    BatchHook NONE = new BatchHook() {};

    /** Runs {@code hooks} in order before a batch, in reverse order after its backward pass. */
    static BatchHook of(java.util.List<BatchHook> hooks) {
        java.util.List<BatchHook> h = java.util.List.copyOf(hooks);
        if (h.isEmpty()) return NONE;
        return new BatchHook() {
            @Override
            public void beforeBatch(int epoch, int batch, int batches) {
                for (BatchHook x : h) x.beforeBatch(epoch, batch, batches);
            }

            @Override
            public void afterBackward() {
                for (int i = h.size() - 1; i >= 0; i--) h.get(i).afterBackward();
            }
        };
    }
}
