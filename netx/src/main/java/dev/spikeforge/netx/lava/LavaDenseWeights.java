package dev.spikeforge.netx.lava;

/**
 * What Lava's dense synapses hold for the integer weights of a netx {@code dense} layer, step by
 * step as Lava does it (lava-dl {@code netx/hdf5.py} and {@code netx/utils.py}, lava {@code
 * proc/dense/models.py} and {@code utils/weightutils.py}):
 *
 * <ol>
 *   <li>netx's {@code optimize_weight_bits} over all of the layer's weights (a {@code dense_rec}
 *       layer's feed-forward and recurrent matrices side by side): with mixed signs, weights above
 *       254 or below −256 are clipped to [−256, 254]; the sign mode is inhibitory when every weight
 *       is negative, excitatory when none is, mixed otherwise; the scale is min(127/max, −128/min),
 *       −256/min or 255/max; {@code s = ⌊log2 scale⌋} (+1 when mixed); {@code n} the largest power
 *       of two (up to 8) dividing every weight (−1 when mixed); {@code num_weight_bits = 8 − s −
 *       n}; the weights are shifted left by s and the exponent is −s;
 *   <li>each Lava {@code Dense} process decides its own sign mode from the weights it gets
 *       (excitatory when none is negative, inhibitory when none is positive, else mixed), clips
 *       them to [−256, 255], [0, 255] or [−255, 0] and truncates the low {@code 8 − num_weight_bits
 *       (+1 when mixed)} bits (of the magnitude when inhibitory);
 *   <li>per step it delivers (Σ held weights of the inputs that spiked) shifted right by s.
 * </ol>
 *
 * So the delivered sum is Σ weights exactly when every held weight equals the file's weight times
 * 2^s; {@link Held#exact} says whether it does. This class holds no Lava code; it restates those
 * steps in integer arithmetic (⌊log2⌋ of a positive double is its binary exponent, exactly).
 */
public final class LavaDenseWeights {
    private LavaDenseWeights() {}

    /**
     * The weights Lava's processes hold and the right shift s of their sum.
     *
     * @param parts the weights of each synapse process, in file order (weight, then weight_rec)
     * @param held per part, what the process holds after clipping and truncation
     * @param shift s: the delivered sum is (Σ held) &gt;&gt; s
     * @param failure null, or why Lava cannot build the layer (then {@code held} is null)
     */
    public record Held(int[][] parts, int[][] held, int shift, String failure) {
        /**
         * Every held weight is the file's weight times 2^s: the delivered sum is exactly the file's
         * Σ weights.
         */
        public boolean exact() {
            return firstDifference() == null;
        }

        /** {part, index} of the first weight Lava does not deliver exactly, or null. */
        public int[] firstDifference() {
            if (failure != null) return new int[] {0, 0};
            for (int p = 0; p < parts.length; p++) {
                for (int i = 0; i < parts[p].length; i++) {
                    if ((long) held[p][i] != ((long) parts[p][i] << shift)) return new int[] {p, i};
                }
            }
            return null;
        }
    }

    public static Held of(int[]... parts) {
        long max = Long.MIN_VALUE, min = Long.MAX_VALUE;
        for (int[] p : parts)
            for (int w : p) {
                max = Math.max(max, w);
                min = Math.min(min, w);
            }
        if (max == Long.MIN_VALUE) return new Held(parts, null, 0, "the layer has no weights");
        if (max == 0 && min == 0) {
            return new Held(
                    parts,
                    null,
                    0,
                    "every weight is 0: netx's optimize_weight_bits scales by 255 / (largest"
                            + " weight) and fails on it");
        }
        // netx: clip mixed-sign weights into [-256, 254]; the limits are re-read only after a clip,
        // as netx does.
        int[][] w = new int[parts.length][];
        for (int p = 0; p < parts.length; p++) w[p] = parts[p].clone();
        long maxW = max, minW = min;
        if (maxW > 254 && minW < 0) {
            clip(w);
            maxW = maxOf(w);
        }
        if (minW < -256 && maxW > 0) {
            clip(w);
            minW = minOf(w);
        }
        int signed;
        double scale;
        if (maxW < 0) {
            signed = 0;
            scale = -256.0 / minW;
        } else if (minW >= 0) {
            signed = 0;
            scale = 255.0 / maxW;
        } else {
            signed = 1;
            double pos = maxW > 0 ? 127.0 / maxW : Double.POSITIVE_INFINITY;
            scale = Math.min(pos, -128.0 / minW);
        }
        int s = Math.getExponent(scale) + signed;
        int n = 8;
        while (n > 0 && !allDivisible(w, n)) n--;
        n -= signed;
        int numWeightBits = 8 - s - n;
        if (s < 0) {
            return new Held(
                    parts,
                    null,
                    s,
                    "netx would shift the weights left by "
                            + s
                            + " (its scale 2^"
                            + s
                            + " is below 1 for weights up to "
                            + maxW
                            + "); numpy's shift by a negative count does not scale them");
        }
        int[][] held = new int[w.length][];
        for (int p = 0; p < w.length; p++) {
            int[] shifted = new int[w[p].length];
            for (int i = 0; i < shifted.length; i++) shifted[i] = w[p][i] << s;
            String why = clipAndTruncate(shifted, numWeightBits);
            if (why != null) return new Held(parts, null, s, why);
            held[p] = shifted;
        }
        return new Held(parts, held, s, null);
    }

    /**
     * Lava's Dense model on its first step: its own sign mode, clip_weights(num_bits = 8),
     * truncate_weights.
     */
    private static String clipAndTruncate(int[] w, int numWeightBits) {
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int x : w) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        boolean excitatory = lo >= 0,
                inhibitory = !excitatory && hi <= 0,
                mixed = !excitatory && !inhibitory;
        int t = 8 - numWeightBits + (mixed ? 1 : 0);
        if (t < 0)
            return "Lava would truncate by a negative bit count ("
                    + t
                    + ", num_weight_bits "
                    + numWeightBits
                    + ")";
        for (int i = 0; i < w.length; i++) {
            int x = inhibitory ? -w[i] : w[i];
            x = mixed ? Math.max(-256, Math.min(255, x)) : Math.max(0, Math.min(255, x));
            x = (x >> t) << t;
            w[i] = inhibitory ? -x : x;
        }
        return null;
    }

    private static void clip(int[][] w) {
        for (int[] p : w)
            for (int i = 0; i < p.length; i++) p[i] = Math.max(-256, Math.min(254, p[i]));
    }

    private static long maxOf(int[][] w) {
        long m = Long.MIN_VALUE;
        for (int[] p : w) for (int x : p) m = Math.max(m, x);
        return m;
    }

    private static long minOf(int[][] w) {
        long m = Long.MAX_VALUE;
        for (int[] p : w) for (int x : p) m = Math.min(m, x);
        return m;
    }

    private static boolean allDivisible(int[][] w, int n) {
        int mask = (1 << n) - 1;
        for (int[] p : w) for (int x : p) if ((x & mask) != 0) return false;
        return true;
    }
}
