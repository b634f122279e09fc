package dev.spikeforge.neuron;

import static dev.spikeforge.neuron.FixedPoint.*;

/**
 * Xylo-like LIF whose leak is a bit shift, x − (x &gt;&gt; shift) with an arithmetic shift:
 *
 * <pre>
 *   u = wrap24( u − (u &gt;&gt; syn_shift) + (a &lt;&lt; 6) )
 *   v = clip(±(2²³−1), v − (v &gt;&gt; mem_shift) + u + bias)
 * </pre>
 *
 * then threshold, reset and refractory period as {@link Firing} says. A positive value below
 * 2^shift stops decaying while a negative one keeps losing at least 1 per step (the shift rounds
 * toward −∞).
 */
public final class ShiftLif extends FixedNeuron {
    /** Shifts above 23 would shift a 24-bit register out entirely. */
    public static final int MAX_SHIFT = 23;

    private final int synShift;
    private final int memShift;

    public ShiftLif(int synShift, int memShift, Firing firing) {
        super(firing);
        if (synShift < 0 || synShift > MAX_SHIFT || memShift < 0 || memShift > MAX_SHIFT) {
            throw new IllegalArgumentException(
                    "syn_shift and mem_shift must be in [0, "
                            + MAX_SHIFT
                            + "], got "
                            + synShift
                            + " and "
                            + memShift);
        }
        this.synShift = synShift;
        this.memShift = memShift;
    }

    public int synShift() {
        return synShift;
    }

    public int memShift() {
        return memShift;
    }

    /** The fraction x − (x &gt;&gt; shift) keeps of a large x: 1 − 2^−shift. */
    public static double kept(int shift) {
        return 1 - Math.scalb(1.0, -shift);
    }

    @Override
    void integrate(int[] u, int[] v, int[] io, int ioBase, int[] bias, int from, int to) {
        final int ss = synShift, ms = memShift;
        for (int n = from; n < to; n++) {
            int i = n - ioBase, u0 = u[n], v0 = v[n];
            int un = wrapCurrent(u0 - (u0 >> ss) + (io[i] << ACT_SHIFT));
            u[n] = un;
            io[i] = clipVoltage((long) v0 - (v0 >> ms) + un + (bias == null ? 0 : bias[n]));
        }
    }

    @Override
    public String toString() {
        return "ShiftLif[syn_shift=" + synShift + ", mem_shift=" + memShift + ", " + firing() + "]";
    }
}
