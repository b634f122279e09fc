package dev.spikeforge.runtime.sim.energy;

import dev.spikeforge.runtime.sim.cost.Bound;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.cost.EventKind;

/**
 * Energy of a run (or of one core, layer or inference of it): event counts × the cost model's
 * energy per event, plus static energy, each at the figures' values and at both ends of their
 * ranges. All values in joules.
 *
 * @param kindJ kindJ[bound][kind]: energy of each event kind at {@link Bound} VALUE, LOW, HIGH
 * @param staticBounds static energy at each bound
 * @param counts events of each kind
 */
public record EnergyReport(double[][] kindJ, double[] staticBounds, long[] counts, long steps) {

    public static final String FORMULA =
            "E = Σ_events count × E_event (synaptic ops by storage kind, neuron accesses and"
                    + " updates, spikes, messages out and in, tile hops, chip crossings) + static"
                    + " (power × chip time, per chip or core in use, + energy per step and chip)";

    public static EnergyReport of(long[] counts, double[] staticJ, long steps, ChipCosts costs) {
        double[][] j = new double[3][EventKind.COUNT];
        for (Bound b : Bound.ALL)
            for (EventKind k : EventKind.ALL)
                j[b.ordinal()][k.ordinal()] = counts[k.ordinal()] * costs.energyJ(b, k);
        return new EnergyReport(j, staticJ.clone(), counts.clone(), steps);
    }

    public static EnergyReport zero(long steps) {
        return new EnergyReport(
                new double[3][EventKind.COUNT], new double[3], new long[EventKind.COUNT], steps);
    }

    public double energyJ(EventKind k) {
        return kindJ[0][k.ordinal()];
    }

    public long count(EventKind k) {
        return counts[k.ordinal()];
    }

    public double synapticJ() {
        return energyJ(EventKind.SYNAPTIC_OP_DENSE)
                + energyJ(EventKind.SYNAPTIC_OP_SPARSE)
                + energyJ(EventKind.SYNAPTIC_OP_CONV);
    }

    public double spikeJ() {
        return energyJ(EventKind.SPIKE);
    }

    /**
     * The extra of active updates (accesses, which every neuron pays every step, are {@link
     * #neuronAccessJ()}).
     */
    public double neuronUpdateJ() {
        return energyJ(EventKind.NEURON_UPDATE);
    }

    public double neuronAccessJ() {
        return energyJ(EventKind.NEURON_ACCESS);
    }

    /** Messages sent and received. */
    public double messageJ() {
        return energyJ(EventKind.MESSAGE_OUT) + energyJ(EventKind.MESSAGE_IN);
    }

    /** Tile hops and chip crossings. */
    public double hopJ() {
        return energyJ(EventKind.HOP_X) + energyJ(EventKind.HOP_Y) + energyJ(EventKind.CHIP_HOP);
    }

    public double staticJ() {
        return staticBounds[0];
    }

    public double dynamicJ() {
        return dynamic(0);
    }

    public double totalJ() {
        return dynamic(0) + staticBounds[0];
    }

    /** [low, high]: every figure at the low, then the high end of its range. */
    public double[] band() {
        return new double[] {dynamic(1) + staticBounds[1], dynamic(2) + staticBounds[2]};
    }

    private double dynamic(int b) {
        double s = 0;
        for (double x : kindJ[b]) s += x;
        return s;
    }

    public long synapticOps() {
        return count(EventKind.SYNAPTIC_OP_DENSE)
                + count(EventKind.SYNAPTIC_OP_SPARSE)
                + count(EventKind.SYNAPTIC_OP_CONV);
    }

    public long spikes() {
        return count(EventKind.SPIKE);
    }

    public long neuronUpdates() {
        return count(EventKind.NEURON_UPDATE);
    }

    public long neuronAccesses() {
        return count(EventKind.NEURON_ACCESS);
    }

    /** Messages received by cores (one per spike and destination core, host input included). */
    public long messages() {
        return count(EventKind.MESSAGE_IN);
    }

    /** Tile hops, x and y. */
    public long hops() {
        return count(EventKind.HOP_X) + count(EventKind.HOP_Y);
    }

    public long chipHops() {
        return count(EventKind.CHIP_HOP);
    }

    /** This report plus another (e.g. the cores of a layer). */
    public EnergyReport plus(EnergyReport o) {
        double[][] j = new double[3][EventKind.COUNT];
        double[] st = new double[3];
        long[] n = new long[EventKind.COUNT];
        for (int b = 0; b < 3; b++) {
            for (int k = 0; k < EventKind.COUNT; k++) j[b][k] = kindJ[b][k] + o.kindJ[b][k];
            st[b] = staticBounds[b] + o.staticBounds[b];
        }
        for (int k = 0; k < EventKind.COUNT; k++) n[k] = counts[k] + o.counts[k];
        return new EnergyReport(j, st, n, Math.max(steps, o.steps));
    }

    /** The same report divided by a number of inferences (counts rounded). */
    public EnergyReport perInference(long inferences) {
        double d = Math.max(1, inferences);
        double[][] j = new double[3][EventKind.COUNT];
        double[] st = new double[3];
        long[] n = new long[EventKind.COUNT];
        for (int b = 0; b < 3; b++) {
            for (int k = 0; k < EventKind.COUNT; k++) j[b][k] = kindJ[b][k] / d;
            st[b] = staticBounds[b] / d;
        }
        for (int k = 0; k < EventKind.COUNT; k++) n[k] = Math.round(counts[k] / d);
        return new EnergyReport(j, st, n, Math.round(steps / d));
    }
}
