package dev.spikeforge.trainer.adapt;

import dev.spikeforge.trainer.surrogate.Surrogate;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * chi (methods.md §5): the share of a layer's neuron-steps that receive gradient. The seed paper
 * counts non-zero gradients of finite-support surrogates (rectangle, triangle), where "non-zero" is
 * unambiguous. Shapes with infinite support (fast sigmoid, gaussian, cauchy, …) are never exactly
 * zero, so the extension here counts a neuron-step when |dz/dx| exceeds a tolerance relative to the
 * surrogate's peak, {@link #DEFAULT_TOLERANCE} = 0.05 unless set (train --chi-tolerance).
 *
 * <p>Why 0.05 and not a tiny value: with 1e-3 the fast sigmoid counted every |s·x| &lt; 15.3 (chi ≈
 * 0.96 on any real layer), so --chi-adapt 0.1,0.5 could only ever sharpen. At 5 % of the peak the
 * counted radius is comparable across shapes and close to the finite shapes' own support: |s·x|
 * &lt; 1.74 fast sigmoid, 0.98 gaussian, 0.95 triangular, and the rectangle's |s·x| &lt; 0.5
 * unchanged (and AdaLi's window), so a chi band means roughly the same thing whatever the shape.
 * Every surrogate here falls off monotonically on both sides of the threshold, so "above the
 * tolerance" is the same as v − θ lying inside {@link Surrogate#activeRange}, which is counted on
 * the potentials directly (two counting passes, nothing written).
 */
public final class Chi {
    /**
     * Relative to the peak: |dz/dx| &gt; 0.05 · peak counts as receiving gradient unless another
     * tolerance is set.
     */
    public static final double DEFAULT_TOLERANCE = 0.05;

    private Chi() {}

    /** The tolerance if it is one (0 &lt; t &lt; 1), else an error naming --chi-tolerance. */
    public static double checkTolerance(double tolerance) {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException(
                    "--chi-tolerance: must be in (0, 1), a fraction of the surrogate's peak"
                            + " (default "
                            + DEFAULT_TOLERANCE
                            + "), got "
                            + tolerance);
        }
        return tolerance;
    }

    /** From surrogate gradients themselves: the share of entries with |g| &gt; tolerance · peak. */
    public static double ofGradient(INDArray surrogateGradient, double peak, double tolerance) {
        if (surrogateGradient.isEmpty()) return Double.NaN;
        return count(surrogateGradient, Conditions.absGreaterThan(checkTolerance(tolerance) * peak))
                / (double) surrogateGradient.length();
    }

    /**
     * Entries of the pre-reset potentials {@code v} whose v − θ lies strictly inside the active
     * range.
     */
    public static long activeCount(
            INDArray v, double threshold, Surrogate surrogate, double tolerance) {
        Surrogate.ActiveRange r = surrogate.activeRange(checkTolerance(tolerance));
        double lo = threshold + r.lo(), hi = threshold + r.hi();
        FloatBuffer data = contiguousFloats(v);
        if (data != null) return countInside(data, (int) v.offset(), (int) v.length(), lo, hi);
        return count(v, Conditions.lessThan(hi)) - count(v, Conditions.lessThanOrEqual(lo));
    }

    /**
     * The whole buffer behind {@code v} when v is a dense float array (its elements then sit at
     * v.offset() … v.offset() + v.length() − 1, in row-major order); null otherwise. Reading
     * potentials there costs nothing per batch, where ND4J reductions and strided copies cost
     * milliseconds.
     */
    static FloatBuffer contiguousFloats(INDArray v) {
        return v.dataType() == DataType.FLOAT && v.ordering() == 'c' && v.elementWiseStride() == 1
                ? v.data().asNioFloat()
                : null;
    }

    /**
     * One pass over the buffer itself: this runs after every training batch, where two ND4J
     * MatchCondition ops made a small network's epochs markedly slower (see docs/benchmarks.md,
     * "Speed against PyTorch").
     */
    private static long countInside(FloatBuffer data, int from, int length, double lo, double hi) {
        long n = 0;
        for (int i = from, end = from + length; i < end; i++) {
            float x = data.get(i);
            if (x > lo && x < hi) n++;
        }
        return n;
    }

    /** The share form of {@link #activeCount}. */
    public static double ofPotentials(
            INDArray v, double threshold, Surrogate surrogate, double tolerance) {
        return v.isEmpty()
                ? Double.NaN
                : activeCount(v, threshold, surrogate, tolerance) / (double) v.length();
    }

    static long count(INDArray a, org.nd4j.linalg.indexing.conditions.Condition c) {
        return Nd4j.getExecutioner().exec(new MatchCondition(a, c)).getLong(0);
    }
}
