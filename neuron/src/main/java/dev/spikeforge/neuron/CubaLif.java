package dev.spikeforge.neuron;

import static dev.spikeforge.neuron.FixedPoint.*;

/**
 * Loihi-family CUBA LIF, bit-accurate with the published model (as Lava's bit-accurate process
 * model defines it):
 *
 * <pre>
 *   u = wrap24( trunc0(u·(4096−(du+1)) / 4096) + (a &lt;&lt; 6) )
 *   v = clip(±(2²³−1), trunc0(v·(4096−dv) / 4096) + u + bias)
 * </pre>
 *
 * then threshold, reset and refractory period as {@link Firing} says. trunc0 rounds toward zero.
 * {@code a} is the dendritic sum produced on the previous step, already scaled by the weight
 * exponent.
 *
 * <p>Relation to {@link FloatLif}: with scale K (integer units per float unit of v, K = weight
 * scale · 2⁶), du_fixed = round(du·4096) − 1 and dv_fixed = round(dv·4096). Each decay truncates by
 * less than one unit, so while both forms emit the same spikes the integer state differs from K ×
 * the float state by at most {@link #voltageErrorBound(int)} units (see that method).
 */
public final class CubaLif extends FixedNeuron {
    private final int du;
    private final int dv;
    private final int currentFactor;
    private final int voltageFactor;

    public CubaLif(int du, int dv, Firing firing) {
        super(firing);
        if (du < 0 || du >= DECAY_UNITY)
            throw new IllegalArgumentException("du must be a 12-bit unsigned value, got " + du);
        if (dv < 0 || dv >= DECAY_UNITY)
            throw new IllegalArgumentException("dv must be a 12-bit unsigned value, got " + dv);
        this.du = du;
        this.dv = dv;
        this.currentFactor = DECAY_UNITY - (du + 1);
        this.voltageFactor = DECAY_UNITY - dv;
    }

    /** A spiking layer with one threshold and no refractory period. */
    public CubaLif(int du, int dv, int vthMant, Reset reset) {
        this(du, dv, Firing.of(vthMant, reset));
    }

    public int du() {
        return du;
    }

    public int dv() {
        return dv;
    }

    /** u keeps currentFactor / 4096 of itself per step. */
    public int currentFactor() {
        return currentFactor;
    }

    /** v keeps voltageFactor / 4096 of itself per step. */
    public int voltageFactor() {
        return voltageFactor;
    }

    @Override
    void integrate(int[] u, int[] v, int[] io, int ioBase, int[] bias, int from, int to) {
        final int fu = currentFactor, fv = voltageFactor;
        for (int n = from; n < to; n++) {
            int i = n - ioBase;
            int un = wrapCurrent(decay(u[n], fu) + (io[i] << ACT_SHIFT));
            u[n] = un;
            io[i] = clipVoltage((long) decay(v[n], fv) + un + (bias == null ? 0 : bias[n]));
        }
    }

    /**
     * Bound, in integer units, on |v_fixed − K·v_float| after {@code steps} steps while both forms
     * have spiked identically (a reset to zero clears both errors). Each truncating decay adds less
     * than one unit: e_u[t] ≤ e_u[t−1]·(1−du) + 1 and e_v[t] ≤ e_v[t−1]·(1−dv) + e_u[t] + 1, with
     * the float du, dv this form encodes. Rounding of weights, bias and threshold to integers is
     * not included: the compiler reports those separately.
     */
    public double voltageErrorBound(int steps) {
        double keepU = currentFactor / (double) DECAY_UNITY,
                keepV = voltageFactor / (double) DECAY_UNITY;
        double eu = 0, ev = 0;
        for (int t = 0; t < steps; t++) {
            eu = eu * keepU + (du == DECAY_UNITY - 1 ? 0 : 1); // a factor of zero truncates nothing
            ev = ev * keepV + eu + (dv == 0 ? 0 : 1); // a factor of 4096 is exact
        }
        return ev;
    }

    /** Float du in [0,1] to the 12-bit register: (1 − du) = (4096 − (du_fx + 1)) / 4096. */
    public static int currentDecayFromFloat(double du) {
        return (int) Math.max(0, Math.min(DECAY_UNITY - 1, Math.round(du * DECAY_UNITY) - 1));
    }

    public static double currentDecayToFloat(int duFixed) {
        return (duFixed + 1) / (double) DECAY_UNITY;
    }

    /** Float dv in [0,1) to the 12-bit register: (1 − dv) = (4096 − dv_fx) / 4096. */
    public static int voltageDecayFromFloat(double dv) {
        return (int) Math.max(0, Math.min(DECAY_UNITY - 1, Math.round(dv * DECAY_UNITY)));
    }

    public static double voltageDecayToFloat(int dvFixed) {
        return dvFixed / (double) DECAY_UNITY;
    }

    @Override
    public String toString() {
        return "CubaLif[du=" + du + ", dv=" + dv + ", " + firing() + "]";
    }
}
