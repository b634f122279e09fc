package dev.spikeforge.runtime.sim.energy;

import dev.spikeforge.proto.StaticScope;
import dev.spikeforge.runtime.sim.cost.Bound;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.cost.ChipGeometry;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.cost.TimingReport;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.SimModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The energy of a run split by core and by layer, with the host's part apart (sending input
 * messages and their hops, and the MACs of a first layer it computes; receiving the messages is the
 * cores'), and the chip time it took. total = Σ cores + input; each layer is the sum of its cores.
 * Static energy is charged per core in use or per chip in use as the profile says; a chip's share
 * is split evenly over its cores in use.
 */
public record EnergyBreakdown(
        EnergyReport total,
        List<CoreEnergy> cores,
        List<LayerEnergy> layers,
        EnergyReport input,
        long inferences,
        TimingReport timing,
        AnnComparison ann,
        ChipCosts costs) {

    public record CoreEnergy(int core, int layer, EnergyReport energy) {}

    public record LayerEnergy(int layer, String name, int cores, EnergyReport energy) {}

    /**
     * @param c the run's event counts
     * @param timing the run's chip time (the simulator's clock report)
     * @param inferences samples the counts cover (for per-inference figures and the ANN comparison)
     * @param annMacJ fp32 MAC energy of the ANN baseline
     */
    public static EnergyBreakdown of(
            SimModel model,
            ActivityCounters c,
            TimingReport timing,
            long inferences,
            double annMacJ) {
        ChipCosts costs = model.costs();
        ChipGeometry g = model.geometry();
        int n = c.cores();
        double[] coreStatic = staticPerCore(model, timing, c.steps());
        List<CoreEnergy> cores = new ArrayList<>();
        int layersN = model.layerCount();
        EnergyReport[] perLayer = new EnergyReport[layersN];
        int[] coresPerLayer = new int[layersN];
        for (int k = 0; k < n; k++) {
            long[] counts = new long[EventKind.COUNT];
            for (EventKind e : EventKind.ALL) counts[e.ordinal()] = c.count(e, k);
            double[] st = {coreStatic[k], coreStatic[n + k], coreStatic[2 * n + k]};
            int layer = model.layerOfCore(k);
            EnergyReport e = EnergyReport.of(counts, st, c.steps(), costs);
            cores.add(new CoreEnergy(k, layer, e));
            perLayer[layer] = perLayer[layer] == null ? e : perLayer[layer].plus(e);
            coresPerLayer[layer]++;
        }
        List<LayerEnergy> layers = new ArrayList<>();
        for (int l = 0; l < layersN; l++) {
            layers.add(
                    new LayerEnergy(
                            l,
                            model.layerName(l),
                            coresPerLayer[l],
                            perLayer[l] == null ? EnergyReport.zero(c.steps()) : perLayer[l]));
        }
        long[] in = new long[EventKind.COUNT];
        for (EventKind e : EventKind.ALL) in[e.ordinal()] = c.count(e, c.host());
        EnergyReport input = EnergyReport.of(in, new double[3], c.steps(), costs);
        EnergyReport total = input;
        for (CoreEnergy ce : cores) total = total.plus(ce.energy());
        long inf = Math.max(1, inferences);
        return new EnergyBreakdown(
                total,
                List.copyOf(cores),
                List.copyOf(layers),
                input,
                inf,
                timing,
                AnnComparison.of(model.annWork(), total.totalJ() / inf, annMacJ),
                costs);
    }

    /** Static energy of each core at each bound: [VALUE cores..., LOW cores..., HIGH cores...]. */
    private static double[] staticPerCore(SimModel model, TimingReport timing, long steps) {
        ChipCosts costs = model.costs();
        ChipGeometry g = model.geometry();
        int n = model.cores();
        int[] coresOnChip = new int[maxChip(g, n) + 1];
        for (int k = 0; k < n; k++) coresOnChip[g.chipOf(k)]++;
        double[] out = new double[3 * n];
        for (Bound b : Bound.ALL) {
            double time = timing.chipBounds()[b.ordinal()];
            double power = costs.staticPowerW(b), perStep = costs.staticEnergyPerStepJ(b);
            for (int k = 0; k < n; k++) {
                double chipShare = 1.0 / coresOnChip[g.chipOf(k)];
                double p =
                        costs.staticScope() == StaticScope.PER_CORE
                                ? power * time
                                : power * time * chipShare;
                out[b.ordinal() * n + k] = p + perStep * steps * chipShare;
            }
        }
        return out;
    }

    private static int maxChip(ChipGeometry g, int cores) {
        int m = 0;
        for (int k = 0; k < cores; k++) m = Math.max(m, g.chipOf(k));
        return m;
    }

    public EnergyReport perInference() {
        return total.perInference(inferences);
    }

    /**
     * Energy of the host's part: its messages to the chip, their hops, a host layer's MACs (a part
     * of {@link #total()}).
     */
    public double inputHopJ() {
        return input.totalJ();
    }

    public long inputHops() {
        return input.hops();
    }

    /**
     * Σ per-core totals + input: equals {@code total().totalJ()} up to rounding (tests hold them
     * together).
     */
    public double sumOfParts() {
        double s = input.totalJ();
        for (CoreEnergy ce : cores) s += ce.energy().totalJ();
        return s;
    }
}
