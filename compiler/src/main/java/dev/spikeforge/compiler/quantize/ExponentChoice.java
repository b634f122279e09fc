package dev.spikeforge.compiler.quantize;

import java.util.function.IntFunction;

/**
 * Chooses a layer's weight exponent e together with its mantissa grid so that the effective error
 * of what the chip integrates is smallest, counting the truncation of the shifted dendritic sum
 * (the chip semantics, Lava's bit-accurate Loihi model, are fixed: this is only the compiler's
 * choice).
 *
 * <p><b>Truncation.</b> The chip computes a = S &gt;&gt; m for e = −m &lt; 0, S the integer sum of
 * the active inputs' mantissas: a = ⌊S / 2^m⌋ (an arithmetic shift rounds toward −∞ for negative
 * sums too). So S / 2^m − a = (S mod 2^m) / 2^m ∈ {0, 1/2^m, …, (2^m − 1)/2^m} units of a. One unit
 * of a is 2^m mantissa units, 2^m / k float weight units, so one step's sum loses between 0 and
 * (2^m − 1) / k float units, always downward; with residues spread evenly the mean loss is (2^m −
 * 1) / (2k). For e ≥ 0 nothing is lost. The loss is per sum, so with n inputs active in the same
 * step each carries (2^m − 1) / (k·n) of it at most.
 *
 * <p><b>Effective error per active input</b> (float weight units): the weight rounding error plus
 * the truncation share, mean |W − W_int/k| + (2^m − 1)/(2k·n) and, as a bound, max |W − W_int/k| +
 * (2^m − 1)/(k·n). With per-channel scales k_r the mean uses the mean of 1/k_r over neurons and the
 * bound the smallest k_r.
 *
 * <p><b>Choice.</b> Candidates are grids at k/2^j (j = 0: the scale rule's k; j &gt; 0: a mantissa
 * j bits coarser, so the exponent can rise by j at the same overall scale k·2^e) and, per grid,
 * every exponent from the threshold-target rule's e (see {@link WeightExponent}) up to the largest
 * that still fits and is ≤ 0 (above 0 nothing is truncated, and the smaller e keeps more headroom).
 * The candidate of least mean effective error wins; ties go to the finer grid. So a negative
 * exponent is never kept when a non-negative one fits (its rounding error is the same and its
 * truncation zero), and a coarser grid replaces a negative exponent only when few inputs are active
 * at once: its rounding error grows by about 2^j, while the truncation share shrinks with n.
 */
public final class ExponentChoice {
    private ExponentChoice() {}

    /**
     * One mantissa grid and what the exponent tests need of it.
     *
     * @param shift j: the scale is the rule's k / 2^j
     * @param weights the quantized trained weights (per channel where tied: the kernel, not the
     *     expansion)
     * @param expanded the weights as explicit synapses, [size, inputs] row-major
     * @param drive the largest one-step dendritic sum of one neuron, in mantissa units
     * @param kMax the largest scale of any neuron
     * @param maxAbsBias max_n |b_n|·k_n / kMax (the bias test at kMax)
     * @param meanInverseK mean over neurons of 1 / k_n
     */
    public record Grid(
            int shift,
            QuantizedWeights weights,
            QuantizedWeights expanded,
            long drive,
            double kMax,
            double maxAbsBias,
            double meanInverseK) {
        /** The smallest scale of any neuron (the whole layer's k with one scale). */
        public double kMin() {
            return expanded.k();
        }
    }

    /** The exponents a grid may take, {@code low ≤ high}. */
    public interface Range {
        int[] of(Grid g);
    }

    /**
     * @param activeInputs n: expected inputs active in one step (at least 1)
     * @param truncationMax (2^m − 1) / kMin: the most one step's sum can lose, float weight units
     *     (0 for e ≥ 0)
     * @param effectiveMean mean effective error per active input (see the class comment)
     * @param effectiveMax its bound
     */
    public record Choice(
            Grid grid,
            int exponent,
            double activeInputs,
            double truncationMax,
            double effectiveMean,
            double effectiveMax) {}

    /**
     * @param gridAt the grid at shift j (j = 0 is the scale rule's)
     * @param maxShift the coarsest grid allowed (0 for binary weights, which have one level)
     * @param range the exponents each grid may take
     * @param activeInputs n ≥ 1
     */
    public static Choice choose(
            IntFunction<Grid> gridAt, int maxShift, Range range, double activeInputs) {
        double n = Math.max(1, activeInputs);
        Choice best = null;
        Grid g0 = gridAt.apply(0);
        best = bestOn(g0, range.of(g0), n, null);
        // Coarser grids only help by lifting a negative exponent toward 0.
        int shifts = Math.min(maxShift, Math.max(0, -best.exponent()));
        for (int j = 1; j <= shifts; j++) {
            Grid g = gridAt.apply(j);
            best = bestOn(g, range.of(g), n, best);
        }
        return best;
    }

    private static Choice bestOn(Grid g, int[] lowHigh, double n, Choice best) {
        for (int e = lowHigh[1]; e >= lowHigh[0]; e--) {
            Choice c = evaluate(g, e, n);
            if (best == null || c.effectiveMean() < best.effectiveMean()) best = c;
        }
        return best;
    }

    /** The errors of grid g at exponent e with n active inputs. */
    public static Choice evaluate(Grid g, int e, double n) {
        double lost = lostUnits(e);
        double truncMax = lost / g.kMin();
        double mean = g.expanded().meanAbsError() + lost * g.meanInverseK() / (2 * n);
        double max = g.expanded().maxAbsError() + truncMax / n;
        return new Choice(g, e, n, truncMax, mean, max);
    }

    /**
     * 2^m − 1 for e = −m &lt; 0 (the largest residue of the sum the shift drops, in mantissa
     * units), else 0.
     */
    public static double lostUnits(int e) {
        return e >= 0 ? 0 : Math.scalb(1.0, -e) - 1;
    }
}
