package dev.spikeforge.netx.mapping;

/**
 * Spikeforge's weights (integer mantissas w and one exponent e per layer: the chip delivers (Σ w)
 * &lt;&lt; e, or ⌊Σ w / 2^−e⌋ when e &lt; 0) and netx's effective weights W (Lava delivers Σ W, see
 * {@code LavaDenseWeights}). W = w·2^e carries the same sum exactly when e ≥ 0, and when e &lt; 0
 * only if every w is a multiple of 2^−e: the chip truncates the sum once, after adding, which no
 * per-synapse weight reproduces.
 */
public final class EffectiveWeights {
    private EffectiveWeights() {}

    /**
     * W = w·2^e, or null (with the first weight named in a problem) when e &lt; 0 and some w is not
     * a multiple of 2^−e.
     */
    public static int[] toEffective(
            int[] w, int exp, String where, String field, int cols, Problems problems) {
        int[] out = new int[w.length];
        if (exp >= 0) {
            for (int i = 0; i < w.length; i++) out[i] = w[i] << exp;
            return out;
        }
        int m = -exp, mask = (1 << m) - 1;
        for (int i = 0; i < w.length; i++) {
            if ((w[i] & mask) != 0) {
                problems.add(
                        where,
                        field + "[" + i / cols + "][" + i % cols + "] = " + w[i],
                        "weight_exp "
                                + exp
                                + " truncates the summed "
                                + "input (⌊Σw / "
                                + (1 << m)
                                + "⌋) and netx's dense synapse delivers Σ weight exactly, so every"
                                + " weight must be a multiple of "
                                + (1 << m)
                                + "; compile with a weight exponent of 0 or more (export-netx does"
                                + " that for a trained model)");
                return null;
            }
            out[i] = w[i] >> m;
        }
        return out;
    }

    /**
     * Mantissas and exponent for a sum Lava delivers as (Σ held) &gt;&gt; shift: the common power
     * of two of the held weights moves into the exponent, so the mantissas are as narrow as they
     * can be.
     *
     * @param parts held weights of each synapse process (they share one exponent)
     * @return null when a mantissa still needs more than {@code maxBits} signed bits
     */
    public static Mantissas fromDelivered(int[][] parts, int shift, int maxBits) {
        int common = 31;
        for (int[] p : parts)
            for (int x : p) if (x != 0) common = Math.min(common, Integer.numberOfTrailingZeros(x));
        if (common == 31) common = 0;
        int[][] w = new int[parts.length][];
        int maxAbs = 0;
        for (int p = 0; p < parts.length; p++) {
            w[p] = new int[parts[p].length];
            for (int i = 0; i < w[p].length; i++) {
                w[p][i] = parts[p][i] >> common;
                maxAbs = Math.max(maxAbs, Math.abs(w[p][i]));
            }
        }
        int bits = bitsFor(maxAbs);
        return bits > maxBits ? null : new Mantissas(w, common - shift, bits, maxAbs);
    }

    /**
     * Mantissas for effective weights W at a given exponent (a recorded one): W / 2^e when e ≥ 0
     * (every W a multiple), W·2^−e when e &lt; 0. Null when that does not give integers within
     * {@code bits} signed bits.
     */
    public static Mantissas atExponent(int[][] effective, int exp, int bits) {
        int limit = bits == 1 ? 1 : (1 << (bits - 1)) - 1; // 1 bit is binary: ±1
        int[][] w = new int[effective.length][];
        int maxAbs = 0;
        for (int p = 0; p < effective.length; p++) {
            w[p] = new int[effective[p].length];
            for (int i = 0; i < w[p].length; i++) {
                long x = effective[p][i];
                long m;
                if (exp >= 0) {
                    if ((x & ((1L << exp) - 1)) != 0) return null;
                    m = x >> exp;
                } else {
                    m = x << -exp;
                }
                if (Math.abs(m) > limit) return null;
                w[p][i] = (int) m;
                maxAbs = (int) Math.max(maxAbs, Math.abs(m));
            }
        }
        return new Mantissas(w, exp, bits, maxAbs);
    }

    /**
     * The narrowest signed width (at least 2: 1 is binary, ±1 only) whose range ±(2^(b−1) − 1)
     * holds maxAbs.
     */
    static int bitsFor(int maxAbs) {
        int b = 2;
        while (((1L << (b - 1)) - 1) < maxAbs) b++;
        return b;
    }

    /** Per synapse process, integer mantissas; the layer's exponent; the signed width they need. */
    public record Mantissas(int[][] parts, int exp, int bits, int maxAbs) {}
}
