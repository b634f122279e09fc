package dev.spikeforge.compiler.quantize;

/** How a scaled float weight becomes an integer. */
public enum Rounding {
    /** To the nearest integer, halves away from zero, so +w and -w quantize symmetrically. */
    NEAREST,
    /**
     * To the nearest integer, halves to the even neighbour: no bias on weights that sit on halves.
     */
    NEAREST_EVEN,
    /**
     * Toward zero (truncation): cheaper hardware-style rounding, biased toward smaller magnitudes.
     */
    TOWARD_ZERO,
    /**
     * Up with probability equal to the fraction, else down: unbiased on average. The draw is a hash
     * of the weight's index, so a compile is reproducible.
     */
    STOCHASTIC;

    /**
     * Rounds x; for {@link #STOCHASTIC} the draw of index 0 is used (see {@link #apply(double,
     * long)}).
     */
    public long apply(double x) {
        return apply(x, 0);
    }

    /** Rounds the weight at position {@code index} (only {@link #STOCHASTIC} looks at it). */
    public long apply(double x, long index) {
        return switch (this) {
            case NEAREST -> (long) Math.copySign(Math.floor(Math.abs(x) + 0.5), x);
            case NEAREST_EVEN -> (long) Math.rint(x);
            case TOWARD_ZERO -> (long) x;
            case STOCHASTIC -> {
                double floor = Math.floor(x);
                yield (long) floor + (uniform(index) < x - floor ? 1 : 0);
            }
        };
    }

    /** A fixed pseudo-random number in [0, 1) per index (SplitMix64 finalizer). */
    static double uniform(long index) {
        long z = index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** Parses the CLI spelling: nearest, nearest-even, toward-zero, stochastic. */
    public static Rounding parse(String s) {
        return valueOf(s.strip().toUpperCase().replace('-', '_'));
    }
}
