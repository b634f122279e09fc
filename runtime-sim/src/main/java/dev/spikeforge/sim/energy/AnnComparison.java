package dev.spikeforge.sim.energy;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;

/**
 * What the same network would cost as a dense ANN on a conventional accelerator: one multiply-accumulate per
 * weight per inference (Σ over layers of fan_in × size, plus size × size for recurrent layers), each at
 * {@link #MAC_J_45NM}.
 */
public record AnnComparison(long macsPerInference, double macJ, double annJPerInference, double snnJPerInference) {

    /**
     * 4.6 pJ per 32-bit floating-point MAC at 45 nm: 3.7 pJ multiply + 0.9 pJ add, M. Horowitz, "Computing's energy
     * problem (and what we can do about it)", ISSCC 2014. Memory access energy is not included (it would only add to
     * the ANN's side).
     */
    public static final double MAC_J_45NM = 4.6e-12;
    public static final String SOURCE = "ANN: MACs × 4.6 pJ (45 nm 32-bit float MAC = 3.7 pJ mult + 0.9 pJ add; "
            + "M. Horowitz, ISSCC 2014), MACs = Σ fan_in × size per inference";

    /** MACs of a full compiled network (with its weights, so recurrent layers are seen). */
    public static long macsPerInference(CompiledNetwork net) {
        long macs = 0;
        for (CompiledLayer l : net.getLayersList()) {
            macs += (long) l.getFanIn() * l.getSize();
            if (l.getRecurrentWeightsCount() > 0 || l.hasSparseRecurrentWeights()) macs += (long) l.getSize() * l.getSize();
        }
        return macs;
    }

    public static AnnComparison of(CompiledNetwork net, double snnJPerInference) {
        return of(macsPerInference(net), snnJPerInference, MAC_J_45NM);
    }

    public static AnnComparison of(long macsPerInference, double snnJPerInference, double macJ) {
        return new AnnComparison(macsPerInference, macJ, macsPerInference * macJ, snnJPerInference);
    }

    /** ANN energy / SNN energy per inference: above 1 the spiking chip spends less. */
    public double ratio() {
        return annJPerInference / snnJPerInference;
    }
}
