package dev.spikeforge.compiler.quantize;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;
import static dev.spikeforge.neuron.FixedPoint.BIAS_EXP_MAX;
import static dev.spikeforge.neuron.FixedPoint.BIAS_MANT_MAX;
import static dev.spikeforge.neuron.FixedPoint.MAX_STATE;

/**
 * Chooses a layer's weight exponent e. With integer weights W_int ≈ W·k, the chip's state is the
 * float state times K = k·2^e·2^6, so e trades resolution of the threshold (and of the decays'
 * truncation) against headroom of the u and v registers (24 bits on Loihi; the profile's state_bits
 * elsewhere, see {@link Datapath}).
 *
 * <p>Every exponent e must keep (the "fits" test):
 *
 * <ul>
 *   <li>u from wrapping on one step: D·2^e·2^6 ≤ maxState, with D the largest single-step dendritic
 *       sum (all excitatory, or all inhibitory, inputs of one neuron spiking together);
 *   <li>the threshold mantissa representable: θ·k·2^e ≤ maxState &gt;&gt; 6;
 *   <li>biases encodable without saturation: max|b|·K ≤ 4095·2⁷;
 *   <li>for a readout, its estimated peak |v| (see {@link ReadoutHeadroom}) below maxState.
 * </ul>
 *
 * A spiking layer takes the smallest e whose threshold mantissa θ·k·2^e reaches {@link
 * #VTH_TARGET}, lowered until it fits. A readout has no threshold, so it takes the largest e that
 * fits: the most resolution its score can have without clipping. When even the lowest exponent does
 * not fit, it is used and the layer may saturate; the report's bias and threshold errors show it.
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
        return forSpiking(threshold, k, stepDrive, maxAbsBias, Datapath.LOIHI);
    }

    public static int forSpiking(
            double threshold, double k, long stepDrive, double maxAbsBias, Datapath d) {
        return forSpiking(threshold, k, k, stepDrive, maxAbsBias, d);
    }

    /**
     * Per-channel scales k_n in [kMin, kMax]: the smallest threshold mantissa θ·kMin·2^e is brought
     * to the target, and the largest (θ·kMax·2^e) must fit. {@code maxAbsBias} is max_n |b_n|·k_n /
     * kMax, so the bias test at kMax holds for every neuron.
     */
    public static int forSpiking(
            double threshold,
            double kMin,
            double kMax,
            long stepDrive,
            double maxAbsBias,
            Datapath d) {
        int e = d.expMin();
        while (e < d.expMax() && threshold * kMin * Math.scalb(1.0, e) < VTH_TARGET) e++;
        while (e > d.expMin() && !fits(e, kMax, stepDrive, threshold, 0, maxAbsBias, d)) e--;
        return e;
    }

    /**
     * @param peakV estimated peak |v| of the readout in float units
     */
    public static int forReadout(double k, long stepDrive, double peakV, double maxAbsBias) {
        return forReadout(k, stepDrive, peakV, maxAbsBias, Datapath.LOIHI);
    }

    public static int forReadout(
            double k, long stepDrive, double peakV, double maxAbsBias, Datapath d) {
        int e = d.expMax();
        while (e > d.expMin() && !fits(e, k, stepDrive, 0, peakV, maxAbsBias, d)) e--;
        return e;
    }

    /**
     * The largest exponent in [low, high] that fits a spiking layer (see the class comment), or
     * {@code low} when none does. {@link ExponentChoice} lifts the threshold-target exponent with
     * it: a higher e only adds threshold resolution and drops less of the shifted sum, at the cost
     * of headroom the fits test still guarantees.
     */
    public static int highestFitting(
            int low,
            int high,
            double threshold,
            double kMax,
            long stepDrive,
            double maxAbsBias,
            Datapath d) {
        for (int e = high; e > low; e--)
            if (fits(e, kMax, stepDrive, threshold, 0, maxAbsBias, d)) return e;
        return low;
    }

    static boolean fits(
            int e,
            double k,
            long stepDrive,
            double threshold,
            double peakV,
            double maxAbsBias,
            Datapath d) {
        double pow = Math.scalb(1.0, e);
        double stateScale = k * pow * (1 << ACT_SHIFT);
        return stepDrive * pow * (1 << ACT_SHIFT) <= d.maxState()
                && threshold * k * pow <= d.vthMantMax()
                && peakV * stateScale <= d.maxState()
                && maxAbsBias * stateScale <= BIAS_MAX;
    }
}
