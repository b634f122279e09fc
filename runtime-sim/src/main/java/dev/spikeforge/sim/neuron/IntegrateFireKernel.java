package dev.spikeforge.sim.neuron;

import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledLayer;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;

/**
 * Integrate-and-fire: v = clip(v + wrap24(a &lt;&lt; 6) + bias), no leak and no current register (u stays 0). Exactly
 * the CUBA model with du = 4095 and dv = 0 as far as v and spikes go, without the decay multiplies.
 */
final class IntegrateFireKernel extends NeuronKernel {

    IntegrateFireKernel(CompiledLayer layer) {
        super(layer);
    }

    @Override
    public void update(NeuronState s, int[] acc, int accBase, int[] bias, int from, int to, SegmentTally t) {
        final int[] v = s.v, refr = s.refractory;
        final boolean[] z = s.spikes;
        final int exp = weightExp;
        int state = 0;
        for (int n = from; n < to; n++) {
            int a = acc[n - accBase];
            acc[n - accBase] = 0;
            if (exp != 0) a = FixedPoint.applyWeightExponent(a, exp);
            int v0 = v[n], b = bias == null ? 0 : bias[n], r = refr == null ? 0 : refr[n];
            if ((a | v0 | b | r) == 0) {
                z[n] = false;
                continue;
            }
            t.active++;
            int vn;
            if (r > 0) {
                vn = v0;
                refr[n] = r - 1;
                z[n] = false;
            } else {
                int in = FixedPoint.wrapCurrent(a << ACT_SHIFT);
                vn = fire(FixedPoint.clipVoltage((long) v0 + in + b), n, refr, z, t);
            }
            v[n] = vn;
            state |= vn | (z[n] ? 1 : 0) | (refr == null ? 0 : refr[n]);
        }
        t.quiet = state == 0;
    }
}
