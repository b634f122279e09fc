package dev.spikeforge.trainer.adapt;

import dev.spikeforge.trainer.surrogate.Surrogate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * chi (methods.md §5): the share of a layer's neuron-steps that receive a non-zero surrogate gradient. Shapes with
 * infinite support (fast sigmoid, cauchy, …) are never exactly zero, so "non-zero" means above
 * {@link #TOLERANCE} of the surrogate's peak: a step whose gradient is under a thousandth of what a neuron at
 * threshold gets contributes nothing that matters. Every surrogate here falls off monotonically on both sides of
 * the threshold, so that is the same as v − θ lying inside {@link Surrogate#activeRange}, which is counted on the
 * potentials directly (two counting passes, nothing written).
 */
public final class Chi {
    /** Relative to the peak: |dz/dx| &gt; 1e-3 · peak counts as receiving gradient. */
    public static final double TOLERANCE = 1e-3;

    private Chi() {}

    /** From surrogate gradients themselves: the share of entries with |g| &gt; TOLERANCE · peak. */
    public static double ofGradient(INDArray surrogateGradient, double peak) {
        if (surrogateGradient.isEmpty()) return Double.NaN;
        return count(surrogateGradient, Conditions.absGreaterThan(TOLERANCE * peak)) / (double) surrogateGradient.length();
    }

    /** Entries of the pre-reset potentials {@code v} whose v − θ lies strictly inside the active range. */
    public static long activeCount(INDArray v, double threshold, Surrogate surrogate) {
        Surrogate.ActiveRange r = surrogate.activeRange(TOLERANCE);
        return count(v, Conditions.lessThan(threshold + r.hi())) - count(v, Conditions.lessThanOrEqual(threshold + r.lo()));
    }

    /** The share form of {@link #activeCount}. */
    public static double ofPotentials(INDArray v, double threshold, Surrogate surrogate) {
        return v.isEmpty() ? Double.NaN : activeCount(v, threshold, surrogate) / (double) v.length();
    }

    static long count(INDArray a, org.nd4j.linalg.indexing.conditions.Condition c) {
        return Nd4j.getExecutioner().exec(new MatchCondition(a, c)).getLong(0);
    }
}
