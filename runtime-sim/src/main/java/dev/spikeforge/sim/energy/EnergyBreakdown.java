package dev.spikeforge.sim.energy;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.sim.network.ActivityCounters;
import dev.spikeforge.sim.network.SimModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The energy of a run split by core and by layer, with host input hops apart (they belong to no core).
 * total = Σ cores + input hops × E_hop; each layer is the sum of its cores.
 */
public record EnergyBreakdown(EnergyReport total, List<CoreEnergy> cores, List<LayerEnergy> layers, double inputHopJ,
                              long inputHops, long inferences, AnnComparison ann) {

    public record CoreEnergy(int core, int layer, EnergyReport energy) {}

    public record LayerEnergy(int layer, String name, int cores, EnergyReport energy) {}

    /**
     * @param inferences samples the counters cover (for per-inference figures and the ANN comparison)
     */
    public static EnergyBreakdown of(CompiledNetwork net, ActivityCounters c, long inferences) {
        return of(net, c, inferences, AnnComparison.MAC_J_45NM);
    }

    /** For a full compiled network (with its weights), with the ANN MAC energy to compare with. */
    public static EnergyBreakdown of(CompiledNetwork net, ActivityCounters c, long inferences, double annMacJ) {
        return of(net, AnnComparison.macsPerInference(net), c, inferences, annMacJ);
    }

    /** For a simulator's model (whose network has no synapse arrays left), with the ANN MAC energy to compare with. */
    public static EnergyBreakdown of(SimModel model, ActivityCounters c, long inferences, double annMacJ) {
        return of(model.network(), model.denseMacsPerInference(), c, inferences, annMacJ);
    }

    private static EnergyBreakdown of(CompiledNetwork net, long macs, ActivityCounters c, long inferences, double macJ) {
        EnergyModel m = net.getProfile().getEnergy();
        List<CoreEnergy> cores = new ArrayList<>();
        int layersN = net.getLayersCount();
        long[][] perLayer = new long[layersN][5];
        int[] coresPerLayer = new int[layersN];
        for (int k = 0; k < c.cores(); k++) {
            int layer = net.getCoresCount() == 0 ? 0 : net.getCores(k).getLayer();
            EnergyReport e = EnergyReport.ofCore(c, k, m);
            cores.add(new CoreEnergy(k, layer, e));
            long[] a = perLayer[layer];
            a[0] += e.synapticOps();
            a[1] += e.spikes();
            a[2] += e.neuronUpdates();
            a[3] += e.hops();
            a[4] += e.activeCores();
            coresPerLayer[layer]++;
        }
        List<LayerEnergy> layers = new ArrayList<>();
        for (int l = 0; l < layersN; l++) {
            long[] a = perLayer[l];
            layers.add(new LayerEnergy(l, net.getLayers(l).getName(), coresPerLayer[l],
                    EnergyReport.ofTotals(a[0], a[1], a[2], a[3], c.steps(), (int) a[4], m)));
        }
        EnergyReport total = EnergyReport.of(c, m);
        long inf = Math.max(1, inferences);
        return new EnergyBreakdown(total, cores, layers, c.inputHops() * m.getHopJ(), c.inputHops(), inf,
                AnnComparison.of(macs, total.totalJ() / inf, macJ));
    }

    public EnergyReport perInference() {
        return total.perInference(inferences);
    }

    /** Σ per-core totals + input hops: equals {@code total().totalJ()} up to rounding (tests hold them together). */
    public double sumOfParts() {
        double s = inputHopJ;
        for (CoreEnergy ce : cores) s += ce.energy().totalJ();
        return s;
    }
}
