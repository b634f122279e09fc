package dev.spikeforge.compiler.quantize;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;
import static dev.spikeforge.neuron.FixedPoint.BIAS_EXP_MAX;
import static dev.spikeforge.neuron.FixedPoint.BIAS_MANT_MAX;
import static dev.spikeforge.neuron.FixedPoint.MAX_STATE;

/**
 * Chooses a layer's weight exponent e. With integer weights W_int ≈ W·k, the chip's state is the float state
 * times K = k·2^e·2^6, so e trades resolution of the threshold (and of the decays' truncation) against headroom
 * of the 24-bit u and v registers.
 *
 * <p>Every exponent e must keep (the "fits" test):
 * <ul>
 *   <li>u from wrapping on one step: D·2^e·2^6 ≤ 2²³−1, with D the largest single-step dendritic sum
 *       (all excitatory, or all inhibitory, inputs of one neuron spiking together);</li>
 *   <li>the threshold mantissa representable: θ·k·2^e ≤ (2²³−1) &gt;&gt; 6;</li>
 *   <li>biases encodable without saturation: max|b|·K ≤ 4095·2⁷;</li>
 *   <li>for a readout, its estimated peak |v| (see {@link ReadoutHeadroom}) below 2²³−1.</li>
 * </ul>
 * A spiking layer takes the smallest e whose threshold mantissa θ·k·2^e reaches {@link #VTH_TARGET}, lowered
 * until it fits. A readout has no threshold, so it takes the largest e that fits: the most resolution its
 * score can have without clipping. When even {@link #MIN} does not fit, {@link #MIN} is used and the layer may
 * saturate; the report's bias and threshold errors show it.
 */
public final class WeightExponent {
    /** Loihi's weight exponent is a 4-bit signed field. */
    public static final int MIN = -8;
    public static final int MAX = 7;
    /** A threshold mantissa of at least 1024 bounds its rounding error by 0.05 %. */
    public static final int VTH_TARGET = 1024;
    public static final int VTH_MANT_MAX = MAX_STATE >> ACT_SHIFT;
    public static final long BIAS_MAX = (long) BIAS_MANT_MAX << BIAS_EXP_MAX;

    private WeightExponent() {}

    public static int forSpiking(double threshold, double k, long stepDrive, double maxAbsBias) {
        int e = MIN;
        while (e < MAX && threshold * k * Math.scalb(1.0, e) < VTH_TARGET) e++;
        while (e > MIN && !fits(e, k, stepDrive, threshold, 0, maxAbsBias)) e--;
        return e;
    }

    /** @param peakV estimated peak |v| of the readout in float units */
    public static int forReadout(double k, long stepDrive, double peakV, double maxAbsBias) {
        int e = MAX;
        while (e > MIN && !fits(e, k, stepDrive, 0, peakV, maxAbsBias)) e--;
        return e;
    }

    static boolean fits(int e, double k, long stepDrive, double threshold, double peakV, double maxAbsBias) {
        double pow = Math.scalb(1.0, e);
        double stateScale = k * pow * (1 << ACT_SHIFT);
        return stepDrive * pow * (1 << ACT_SHIFT) <= MAX_STATE
                && threshold * k * pow <= VTH_MANT_MAX
                && peakV * stateScale <= MAX_STATE
                && maxAbsBias * stateScale <= BIAS_MAX;
    }
}
