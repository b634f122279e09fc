package dev.spikeforge.trainer.train;

/**
 * The weight of the sparsity loss over a run of E epochs (methods.md §3): 0 until E/5, rising linearly to 1 at 3E/5,
 * then 1. Evaluated every batch at the fractional epoch (epochs completed, batches of the current one counted as
 * fractions), so the loss comes in smoothly rather than in per-epoch steps.
 */
public record SparsitySchedule(int epochs) {
    public SparsitySchedule {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }

    /** @param progress epochs done, fractional: (epoch − 1) + batch / batches, in [0, E] */
    public double weight(double progress) {
        double start = epochs / 5.0, full = 3 * epochs / 5.0;
        if (progress <= start) return 0;
        if (progress >= full) return 1;
        return (progress - start) / (full - start);
    }

    /** The fractional epoch before batch {@code batch} (0-based) of epoch {@code epoch} (1-based) of {@code batches}. */
    public static double progress(int epoch, int batch, int batches) {
        return epoch - 1 + (batches == 0 ? 0 : batch / (double) batches);
    }

    public String describe() {
        return "0 until E/5, linear to 1 at 3E/5, E=" + epochs + ", per batch";
    }
}
