package dev.spikeforge.neuron;

/**
 * Integer arithmetic of the Loihi-family datapath, one rule per method so every user applies it the
 * same way.
 */
public final class FixedPoint {
    /** Decay constants are 12-bit fractions of 4096. */
    public static final int DECAY_SHIFT = 12;

    public static final int DECAY_UNITY = 1 << DECAY_SHIFT;

    /** Synaptic input and threshold are MSB-aligned by this shift. */
    public static final int ACT_SHIFT = 6;

    /** u and v are 24-bit signed registers. */
    public static final int STATE_BITS = 24;

    public static final int MAX_STATE = (1 << (STATE_BITS - 1)) - 1;

    /** Bias mantissa is 13-bit signed, its exponent 3-bit unsigned. */
    public static final int BIAS_MANT_MAX = (1 << 12) - 1;

    public static final int BIAS_EXP_MAX = 7;

    private FixedPoint() {}

    /** x · factor / 4096, rounding toward zero (the sign is kept and the magnitude shifted). */
    public static int decay(int x, int factor) {
        long p = (long) x * factor;
        return (int) (p >= 0 ? p >> DECAY_SHIFT : -((-p) >> DECAY_SHIFT));
    }

    /** 24-bit wrap-around of the current register, as Lava's bit-accurate LIF applies it. */
    public static int wrapCurrent(int u) {
        int twice = 2 * (MAX_STATE + 1);
        int w = u > MAX_STATE + 1 ? u - twice : u;
        return w <= -(MAX_STATE + 1) ? u + twice : w;
    }

    /** Voltage saturates at ±(2²³−1). */
    public static int clipVoltage(long v) {
        return (int) Math.max(-MAX_STATE, Math.min(MAX_STATE, v));
    }

    /**
     * The accumulated dendritic sum scaled by the connection's weight exponent (arithmetic shift
     * right when negative).
     */
    public static int applyWeightExponent(long sum, int exp) {
        return (int) (exp >= 0 ? sum << exp : sum >> -exp);
    }

    public static int effectiveBias(int mantissa, int exponent) {
        return mantissa << exponent;
    }

    public static int effectiveThreshold(int vthMant) {
        return vthMant << ACT_SHIFT;
    }
}
