package dev.spikeforge.sim.neuron;

import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.ResetMode;

/**
 * One step of a layer's neurons over a range, in one of the fixed-point models of {@code NeuronModel}. Each call
 * consumes the range's dendritic sums (reads and zeroes them), applies the weight exponent, updates u and v,
 * applies threshold, reset and refractory period, and appends spiking neurons to the tally. A neuron with no
 * input, no bias and no state is left untouched and not counted as active (the hardware skips it too).
 */
public abstract class NeuronKernel {
    protected final int vth;
    protected final boolean spiking;
    protected final boolean subtract;
    protected final int refractorySteps;
    protected final int weightExp;

    protected NeuronKernel(FixedLifParams p, int weightExp) {
        if (p.getVthMant() <= 0 || FixedPoint.effectiveThreshold(p.getVthMant()) > FixedPoint.MAX_STATE) {
            throw new IllegalArgumentException("vth_mant must be in [1, " + (FixedPoint.MAX_STATE >> FixedPoint.ACT_SHIFT)
                    + "], got " + p.getVthMant());
        }
        this.vth = FixedPoint.effectiveThreshold(p.getVthMant());
        this.spiking = !p.getReadout();
        this.subtract = p.getReset() == ResetMode.RESET_BY_SUBTRACTION;
        this.refractorySteps = p.getRefractorySteps();
        this.weightExp = weightExp;
    }

    /** The kernel of a compiled layer's neuron model. */
    public static NeuronKernel of(CompiledLayer layer) {
        FixedLifParams p = layer.getNeuron();
        return switch (p.getModel()) {
            case CUBA_LIF -> new CubaLifKernel(p, layer.getWeightExp());
            case SHIFT_LIF -> new ShiftLifKernel(p, layer.getWeightExp());
            case INTEGRATE_AND_FIRE -> new IntegrateFireKernel(p, layer.getWeightExp());
            default -> throw new IllegalArgumentException("neuron model " + p.getModel() + " is not known to this simulator");
        };
    }

    /**
     * Updates neurons [from, to) of {@code s}. {@code acc[n - accBase]} is neuron n's dendritic sum for this step;
     * {@code bias} is the effective bias per neuron (null: none).
     */
    public abstract void update(NeuronState s, int[] acc, int accBase, int[] bias, int from, int to, SegmentTally t);

    public final boolean spiking() {
        return spiking;
    }

    /** Threshold and reset, shared by the models; returns the new v and records the spike. */
    protected final int fire(int vn, int n, int[] refractory, boolean[] spikes, SegmentTally t) {
        if (spiking && vn > vth) {
            spikes[n] = true;
            t.spikeList[t.spikeCount++] = n;
            t.spikes++;
            if (refractory != null) refractory[n] = refractorySteps;
            return subtract ? vn - vth : 0;
        }
        spikes[n] = false;
        return vn;
    }
}
