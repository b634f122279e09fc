package dev.spikeforge.sim.neuron;

import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;

/**
 * Xylo-like LIF whose leak is a bit shift: x − (x &gt;&gt; shift) with an arithmetic shift, so a positive value
 * below 2^shift stops decaying while a negative one keeps losing at least 1 per step (the shift rounds toward −∞).
 * u wraps and v clips at 24 bits like the CUBA model.
 */
final class ShiftLifKernel extends NeuronKernel {
    private final int synShift;
    private final int memShift;

    ShiftLifKernel(CompiledLayer layer) {
        super(layer);
        FixedLifParams p = layer.getNeuron();
        this.synShift = p.getSynShift();
        this.memShift = p.getMemShift();
    }

    @Override
    public void update(NeuronState s, int[] acc, int accBase, int[] bias, int from, int to, SegmentTally t) {
        final int[] u = s.u, v = s.v, refr = s.refractory;
        final boolean[] z = s.spikes;
        final int exp = weightExp, ss = synShift, ms = memShift;
        int state = 0;
        for (int n = from; n < to; n++) {
            int a = acc[n - accBase];
            acc[n - accBase] = 0;
            if (exp != 0) a = FixedPoint.applyWeightExponent(a, exp);
            int u0 = u[n], v0 = v[n], b = bias == null ? 0 : bias[n], r = refr == null ? 0 : refr[n];
            if ((a | u0 | v0 | b | r) == 0) {
                z[n] = false;
                continue;
            }
            t.active++;
            int un = FixedPoint.wrapCurrent(u0 - (u0 >> ss) + (a << ACT_SHIFT));
            int vn;
            if (r > 0) {
                vn = v0;
                refr[n] = r - 1;
                z[n] = false;
            } else {
                vn = fire(FixedPoint.clipVoltage((long) v0 - (v0 >> ms) + un + b), n, refr, z, t);
            }
            u[n] = un;
            v[n] = vn;
            state |= un | vn | (z[n] ? 1 : 0) | (refr == null ? 0 : refr[n]);
        }
        t.quiet = state == 0;
    }
}
