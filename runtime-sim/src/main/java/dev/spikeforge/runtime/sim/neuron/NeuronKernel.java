package dev.spikeforge.runtime.sim.neuron;

import dev.spikeforge.neuron.FixedNeuron;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.codec.NeuronCodec;
import dev.spikeforge.proto.CompiledLayer;

/**
 * One step of a layer's neurons over a segment, in the simulator's layout. The neuron arithmetic
 * (leak, threshold, reset, refractory period) is the layer's {@link FixedNeuron}, called once per
 * segment; this class adds what only the simulator needs around it: the segment's delay-line slot
 * scaled by the weight exponent, the count of active neurons (a neuron with no input, no bias and
 * no state is idle: the hardware skips it and charges no update; its step would leave it at zero
 * anyway), the spikes appended to the tally, and whether the segment is left without any state.
 */
public final class NeuronKernel {
    private final FixedNeuron model;
    private final int weightExp;

    NeuronKernel(FixedNeuron model, int weightExp) {
        this.model = model;
        this.weightExp = weightExp;
    }

    /** The kernel of a compiled layer: its neuron model and weight exponent. */
    public static NeuronKernel of(CompiledLayer layer) {
        return new NeuronKernel(NeuronCodec.fromProto(layer), layer.getWeightExp());
    }

    public FixedNeuron model() {
        return model;
    }

    /**
     * Updates neurons [from, to) of {@code s}. {@code acc[n - accBase]} is neuron n's dendritic sum
     * for this step; the update consumes it (leaves it zero). {@code bias} is the effective bias
     * per neuron (null: none).
     */
    public void update(
            NeuronState s, int[] acc, int accBase, int[] bias, int from, int to, SegmentTally t) {
        final int[] u = s.u, v = s.v, refr = s.refractory;
        final int exp = weightExp;
        int active = 0;
        for (int n = from; n < to; n++) {
            int i = n - accBase;
            int a = acc[i];
            if (exp != 0) acc[i] = a = FixedPoint.applyWeightExponent(a, exp);
            int any = a | u[n] | v[n] | (bias == null ? 0 : bias[n]) | (refr == null ? 0 : refr[n]);
            active += (any | -any) >>> 31; // 1 unless all are zero, without a branch to mispredict
        }
        t.active += active;
        if (active == 0) {
            java.util.Arrays.fill(s.spikes, from, to, false);
            t.quiet = true;
            return;
        }
        int before = t.spikeCount;
        t.spikeCount = model.step(s, acc, accBase, bias, from, to, t.spikeList, before);
        t.spikes += t.spikeCount - before;
        t.quiet = t.spikeCount == before && noState(u, v, refr, from, to);
    }

    private static boolean noState(int[] u, int[] v, int[] refr, int from, int to) {
        int or = 0;
        for (int n = from; n < to; n++) or |= u[n] | v[n] | (refr == null ? 0 : refr[n]);
        return or == 0;
    }
}
