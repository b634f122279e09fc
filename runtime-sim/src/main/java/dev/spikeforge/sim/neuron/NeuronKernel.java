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
 *
 * <p>Thresholds: {@code vth_mants[n]} per neuron when the layer gives them (per-channel weight scales folded into
 * each neuron's threshold), else {@code neuron.vth_mant} for all. The uniform case keeps its scalar so its firing test
 * is the one it always was (an array of equal thresholds measured between 10 % slower and 8 % faster on a small layer
 * on a loaded machine: not shown free).
 */
public abstract class NeuronKernel {
    /** Effective threshold (mantissa &lt;&lt; 6) of every neuron, when the layer has no {@code vth_mants}. */
    protected final int vth;
    /** Effective threshold of each neuron when the layer has {@code vth_mants}, else null. */
    protected final int[] vths;
    protected final boolean spiking;
    protected final boolean subtract;
    protected final int refractorySteps;
    protected final int weightExp;

    protected NeuronKernel(CompiledLayer layer) {
        FixedLifParams p = layer.getNeuron();
        this.vths = layer.getVthMantsCount() == 0 ? null : thresholds(layer);
        this.vth = vths == null ? FixedPoint.effectiveThreshold(p.getVthMant()) : 0;
        this.spiking = !p.getReadout();
        this.subtract = p.getReset() == ResetMode.RESET_BY_SUBTRACTION;
        this.refractorySteps = p.getRefractorySteps();
        this.weightExp = layer.getWeightExp();
    }

    /**
     * The effective per-neuron thresholds of a layer with {@code vth_mants}. Its per-layer {@code vth_mant} is then not
     * read: files compiled before the simulator read {@code vth_mants} carry 0 there on purpose. Counts and ranges
     * were checked by the artifact validator before any kernel is made.
     */
    private static int[] thresholds(CompiledLayer layer) {
        int[] vth = new int[layer.getSize()];
        for (int n = 0; n < vth.length; n++) vth[n] = FixedPoint.effectiveThreshold(layer.getVthMants(n));
        return vth;
    }

    /** The kernel of a compiled layer's neuron model. */
    public static NeuronKernel of(CompiledLayer layer) {
        FixedLifParams p = layer.getNeuron();
        return switch (p.getModel()) {
            case CUBA_LIF -> new CubaLifKernel(layer);
            case SHIFT_LIF -> new ShiftLifKernel(layer);
            case INTEGRATE_AND_FIRE -> new IntegrateFireKernel(layer);
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
        if (spiking) {
            int th = vths == null ? vth : vths[n];
            if (vn > th) {
                spikes[n] = true;
                t.spikeList[t.spikeCount++] = n;
                t.spikes++;
                if (refractory != null) refractory[n] = refractorySteps;
                return subtract ? vn - th : 0;
            }
        }
        spikes[n] = false;
        return vn;
    }
}
