package dev.spikeforge.trainer.train;

/**
 * The weight of the sparsity loss over a run of E epochs (methods.md §3): 0 until E/5, rising
 * linearly to 1 at 3E/5, then 1. Evaluated every batch at the fractional epoch (epochs completed,
 * batches of the current one counted as fractions), so the loss comes in smoothly rather than in
 * per-epoch steps.
 */
public record SparsitySchedule(int epochs) {
    public SparsitySchedule {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }

    /**
     * @param progress epochs done, fractional ({@link
     *     dev.spikeforge.trainer.extension.Batch#progress}), in [0, E]
     */
    public double weight(double progress) {
        double start = epochs / 5.0, full = 3 * epochs / 5.0;
        if (progress <= start) return 0;
        if (progress >= full) return 1;
        return (progress - start) / (full - start);
    }

    public String describe() {
        return "0 until E/5, linear to 1 at 3E/5, E=" + epochs + ", per batch";
    }
}
