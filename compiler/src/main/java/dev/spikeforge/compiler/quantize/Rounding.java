package dev.spikeforge.compiler.quantize;

/** How a scaled float weight becomes an integer. */
public enum Rounding {
    /** To the nearest integer, halves away from zero, so +w and -w quantize symmetrically. */
    NEAREST,
    /** Toward zero (truncation): cheaper hardware-style rounding, biased toward smaller magnitudes. */
    TOWARD_ZERO;

    public long apply(double x) {
        return switch (this) {
            case NEAREST -> (long) Math.copySign(Math.floor(Math.abs(x) + 0.5), x);
            case TOWARD_ZERO -> (long) x;
        };
    }
}
