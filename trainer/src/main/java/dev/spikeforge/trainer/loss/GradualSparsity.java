package dev.spikeforge.trainer.loss;

import dev.spikeforge.trainer.train.SparsitySchedule;

/**
 * Sparsity loss introduced gradually (methods.md §3): per hidden LIF layer w(e)·W·(mean z −
 * f_target)², with w(e) the {@link SparsitySchedule} at the fractional epoch, updated before every
 * batch ({@link #atProgress}). Each batch's value and gradient are those of a {@link
 * SpikeRateRegularizer} of weight w(e)·W; while w(e) is 0 it adds nothing. Stateful (the current
 * progress): one instance per training run.
 */
public final class GradualSparsity implements LossTerm {
    private final double target, weight;
    private final SparsitySchedule schedule;
    private double progress;

    /**
     * @param target f_target, the rate each hidden layer is pulled toward
     * @param weight W, the loss weight once fully introduced
     */
    public GradualSparsity(double target, double weight, int epochs) {
        if (!(target >= 0 && target <= 1))
            throw new IllegalArgumentException("sparsity target must be in [0, 1], got " + target);
        if (!(weight > 0) || Double.isInfinite(weight))
            throw new IllegalArgumentException("sparsity weight must be > 0, got " + weight);
        this.target = target;
        this.weight = weight;
        this.schedule = new SparsitySchedule(epochs);
    }

    /** Sets the fractional epoch the next batches are at. */
    public void atProgress(double epochsDone) {
        progress = epochsDone;
    }

    /** w(e)·W now. */
    public double currentWeight() {
        return weight * schedule.weight(progress);
    }

    /** E, the run length the schedule spans. */
    public int epochs() {
        return schedule.epochs();
    }

    public double target() {
        return target;
    }

    public double weight() {
        return weight;
    }

    @Override
    public double accumulate(LossContext c) {
        double w = currentWeight();
        return w == 0 ? 0 : new SpikeRateRegularizer(w, target).accumulate(c);
    }

    @Override
    public String describe() {
        return "gradual-sparsity(target="
                + target
                + ", weight="
                + weight
                + ", schedule="
                + schedule.describe()
                + ")";
    }
}
