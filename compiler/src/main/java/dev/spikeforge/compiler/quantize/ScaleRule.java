package dev.spikeforge.compiler.quantize;

/** How a layer's weight scale k (integer units per float weight unit) is chosen. */
public enum ScaleRule {
    /** k = qmax / max|W|: the largest weight uses the full range and nothing clips. */
    MAX,
    /**
     * k = qmax / c with the clip level c in [max|W|/8, max|W|] (128 steps) that minimizes the
     * squared error: at few bits clipping rare large weights buys resolution for the many small
     * ones (ternary needs it).
     */
    MSE,
    /** MAX at 4 bits and more, MSE below (where MAX leaves most weights at zero). */
    AUTO;

    public ScaleRule resolve(int bits) {
        return this != AUTO ? this : bits >= 4 ? MAX : MSE;
    }

    public static ScaleRule parse(String s) {
        return valueOf(s.strip().toUpperCase());
    }
}
