package dev.spikeforge.sim.neuron;

import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;

/**
 * Loihi-family CUBA LIF, the same arithmetic as {@link CubaLif} (tests hold the two bit-equal), fused with the
 * delay-line read, weight exponent, activity test and refractory period so a step makes one pass over the range.
 */
final class CubaLifKernel extends NeuronKernel {
    private final int fu;
    private final int fv;

    CubaLifKernel(CompiledLayer layer) {
        super(layer);
        // CubaLif validates du and dv and owns the decay factors' definition (its threshold is not used here).
        FixedLifParams p = layer.getNeuron();
        CubaLif ref = new CubaLif(p.getDu(), p.getDv(), 1, dev.spikeforge.neuron.Reset.TO_ZERO);
        this.fu = ref.currentFactor();
        this.fv = ref.voltageFactor();
    }

    @Override
    public void update(NeuronState s, int[] acc, int accBase, int[] bias, int from, int to, SegmentTally t) {
        final int[] u = s.u, v = s.v, refr = s.refractory;
        final boolean[] z = s.spikes;
        final int exp = weightExp;
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
            int un = FixedPoint.wrapCurrent(FixedPoint.decay(u0, fu) + (a << ACT_SHIFT));
            int vn;
            if (r > 0) {
                vn = v0;
                refr[n] = r - 1;
                z[n] = false;
            } else {
                vn = fire(FixedPoint.clipVoltage((long) FixedPoint.decay(v0, fv) + un + b), n, refr, z, t);
            }
            u[n] = un;
            v[n] = vn;
            state |= un | vn | (z[n] ? 1 : 0) | (refr == null ? 0 : refr[n]);
        }
        t.quiet = state == 0;
    }
}
