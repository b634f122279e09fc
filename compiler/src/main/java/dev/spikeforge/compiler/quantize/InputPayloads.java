package dev.spikeforge.compiler.quantize;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputPayload;

/**
 * How DIRECT (analog) input becomes integer payloads for the first layer. A value x is sent as
 * round(gain · x · 2^m) with m fractional bits, so the layer's dendritic sum Σ w · payload is 2^m
 * times the one binary spikes of value 1 would give: lowering the layer's weight exponent by m
 * restores its scale exactly (the shift drops only the sum's fraction), and thresholds, biases and
 * leaks stay as the quantizer chose them. m is as large as the payload width, the exponent's range
 * and the 32-bit accumulator allow, up to 8 (an 8-bit image's own precision).
 */
public final class InputPayloads {
    /** Fractional bits tried first: the precision of an 8-bit image. */
    public static final int MAX_FRACTION_BITS = 8;

    /** Payload width used where the chip does not limit it (the host-side first layer). */
    static final int HOST_PAYLOAD_BITS = 24;

    /** The payload form and the first layer's weight exponent that goes with it. */
    public record Choice(InputPayload payload, int weightExp) {}

    private InputPayloads() {}

    /**
     * @param first the quantized first layer (binary-input scale)
     * @param mode INPUT_GRADED or INPUT_HOST
     */
    public static Choice choose(
            CompiledLayer first, float gain, ChipProfile profile, InputMode mode) {
        int e = first.getWeightExp();
        int minExp = profile.hasWeightExponent() ? profile.getWeightExponent().getMin() : -8;
        int widest =
                mode == InputMode.INPUT_GRADED ? profile.getGradedSpikeBits() : HOST_PAYLOAD_BITS;
        int gainBits = gain > 1 ? (int) Math.ceil(Math.log(gain) / Math.log(2)) : 0;
        long sumW = largestWeightSum(first);
        for (int m = MAX_FRACTION_BITS; m >= 0; m--) {
            // gain · x ≤ 2^gainBits, so a payload reaches 2^(m + gainBits): one more bit than that,
            // and the sign.
            int bits = m + 2 + gainBits;
            if (bits > widest || e - m < minExp) continue;
            if (sumW > 0 && sumW > (Integer.MAX_VALUE >> (bits - 1))) continue;
            double scale = Math.scalb(1.0, m);
            InputPayload p =
                    InputPayload.newBuilder()
                            .setMode(mode)
                            .setBits(Math.max(2, bits))
                            .setScale(scale)
                            .setMaxAbsError(worstError(gain, scale, Math.max(2, bits)))
                            .build();
            return new Choice(p, e - m);
        }
        throw new IllegalArgumentException(
                "layer '"
                        + first.getName()
                        + "': no payload width fits graded input (weight_exp "
                        + e
                        + ", profile exponent >= "
                        + minExp
                        + ", payloads <= "
                        + widest
                        + " bits)");
    }

    /**
     * The largest |x - payload / (gain · scale)| over the 256 levels of an 8-bit image scaled to
     * [0, 1].
     */
    static double worstError(float gain, double scale, int bits) {
        long max = (1L << (bits - 1)) - 1;
        double worst = 0;
        for (int k = 0; k <= 255; k++) {
            double x = k / 255.0;
            double p = Math.min(max, Math.rint(gain * x * scale));
            worst = Math.max(worst, Math.abs(x - p / (gain * scale)));
        }
        return worst;
    }

    /** Max over neurons of Σ |w|: what the accumulator must hold per unit of payload. */
    private static long largestWeightSum(CompiledLayer l) {
        long[] sum = new long[l.getSize()];
        if (l.hasSparseWeights()) {
            var s = l.getSparseWeights();
            for (int k = 0; k < s.getTargetCount(); k++)
                sum[s.getTarget(k)] += Math.abs((long) s.getWeight(k));
        } else {
            int fanIn = l.getFanIn();
            for (int n = 0; n < sum.length; n++)
                for (int i = 0; i < fanIn; i++)
                    sum[n] += Math.abs((long) l.getWeights(n * fanIn + i));
        }
        long most = 0;
        for (long x : sum) most = Math.max(most, x);
        return most;
    }
}
