package dev.spikeforge.compiler.quantize;

import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.ChipProfile;

/**
 * The integer ranges a chip's neurons compute in: u and v hold at most {@code maxState} in
 * magnitude, and a layer's weight exponent lies in [expMin, expMax]. The simulator computes in 24
 * bits; a narrower chip is served by keeping every state the compiler plans for inside the narrower
 * range.
 */
public record Datapath(int maxState, int expMin, int expMax) {
    /** Loihi: 24-bit states, 4-bit signed weight exponent. */
    public static final Datapath LOIHI =
            new Datapath(FixedPoint.MAX_STATE, WeightExponent.MIN, WeightExponent.MAX);

    public Datapath {
        if (maxState < 1 << FixedPoint.ACT_SHIFT)
            throw new IllegalArgumentException("maxState too small: " + maxState);
        if (expMin > expMax)
            throw new IllegalArgumentException(
                    "weight exponent range [" + expMin + ", " + expMax + "] is empty");
    }

    public static Datapath of(ChipProfile p) {
        int bits =
                p.getStateBits() == 0
                        ? FixedPoint.STATE_BITS
                        : Math.min(FixedPoint.STATE_BITS, p.getStateBits());
        int min = p.hasWeightExponent() ? p.getWeightExponent().getMin() : WeightExponent.MIN;
        int max = p.hasWeightExponent() ? p.getWeightExponent().getMax() : WeightExponent.MAX;
        return new Datapath((1 << (bits - 1)) - 1, min, max);
    }

    /** The largest threshold mantissa: vth_mant << 6 must stay a state value. */
    public int vthMantMax() {
        return maxState >> FixedPoint.ACT_SHIFT;
    }
}
