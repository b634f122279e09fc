package dev.spikeforge.runtime.sim.cost;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CostModel;
import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.EventCost;
import dev.spikeforge.proto.Figure;
import dev.spikeforge.proto.FigureStatus;
import dev.spikeforge.proto.Pacing;
import dev.spikeforge.proto.StaticScope;
import dev.spikeforge.proto.artifact.validate.EmbeddedProfileRules;
import dev.spikeforge.proto.artifact.validate.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile's cost model, checked and laid out for the simulator: energy per event in joules and
 * latency per event in whole femtoseconds (so chip time sums exactly, whatever order samples are
 * added in), each at its value and at both ends of its range.
 *
 * <p>A profile written before cost models existed has only its {@code energy} block; it is read as
 * a paced chip with that block's step, static power per core in use and no latencies, every figure
 * {@link FigureStatus#ASSUMED}.
 */
public final class ChipCosts {
    /**
     * Chip crossings of a legacy profile without chip_hop_j cost this many hop_j (the compiler's
     * old default).
     */
    static final int LEGACY_CHIP_CROSSING_HOPS = 8;

    private static final double FS = 1e15;

    private final CostModel model;
    private final boolean legacy;
    private final double[][] energyJ = new double[3][EventKind.COUNT];
    private final long[][] latencyFs = new long[3][EventKind.COUNT];
    private final double[] staticPowerW = new double[3];
    private final double[] staticPerStepJ = new double[3];
    private final long[] periodFs = new long[3];
    private final int[] syncTiles;
    private final long[][] syncFs;

    private ChipCosts(CostModel model, boolean legacy) {
        this.model = model;
        this.legacy = legacy;
        for (Bound b : Bound.ALL) {
            for (EventKind k : EventKind.ALL) {
                EventCost c = k.costIn(model);
                energyJ[b.ordinal()][k.ordinal()] = b.of(c.getEnergyJ());
                latencyFs[b.ordinal()][k.ordinal()] = Math.round(b.of(c.getLatencyS()) * FS);
            }
            staticPowerW[b.ordinal()] = b.of(model.getStaticPowerW());
            staticPerStepJ[b.ordinal()] = b.of(model.getStaticEnergyPerStepJ());
            periodFs[b.ordinal()] = Math.round(b.of(model.getStepPeriodS()) * FS);
        }
        syncTiles = new int[model.getSyncCount()];
        syncFs = new long[3][model.getSyncCount()];
        for (int i = 0; i < syncTiles.length; i++) {
            syncTiles[i] = model.getSync(i).getTiles();
            for (Bound b : Bound.ALL)
                syncFs[b.ordinal()][i] = Math.round(b.of(model.getSync(i).getSeconds()) * FS);
        }
    }

    /**
     * The profile's cost model, or the one its legacy {@code energy} block implies.
     *
     * @throws IllegalArgumentException naming every figure that is negative, not finite, or outside
     *     its own range
     */
    public static ChipCosts of(ChipProfile p) {
        List<String> bad = problems(p);
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(
                    "profile '"
                            + p.getName()
                            + "' has an invalid cost model: "
                            + String.join("; ", bad));
        }
        return p.hasCost()
                ? new ChipCosts(p.getCost(), false)
                : new ChipCosts(fromLegacy(p.getEnergy()), true);
    }

    /**
     * What is wrong with a profile's cost figures, one message per problem (empty when they are
     * usable).
     */
    public static List<String> problems(ChipProfile p) {
        if (!p.hasCost()) return List.of();
        Problems problems = new Problems();
        EmbeddedProfileRules.cost(p.getCost(), "cost.", problems);
        return problems.list();
    }

    /** The cost model a legacy energy block stands for (see the class comment). */
    static CostModel fromLegacy(EnergyModel e) {
        double chipHop =
                e.getChipHopJ() > 0 ? e.getChipHopJ() : LEGACY_CHIP_CROSSING_HOPS * e.getHopJ();
        return CostModel.newBuilder()
                .setSynapticOpDense(legacyEnergy("synaptic_op_j", e.getSynapticOpJ()))
                .setSynapticOpSparse(legacyEnergy("synaptic_op_j", e.getSynapticOpJ()))
                .setSynapticOpConv(legacyEnergy("synaptic_op_j", e.getSynapticOpJ()))
                .setNeuronUpdate(legacyEnergy("neuron_update_j", e.getNeuronUpdateJ()))
                .setSpike(legacyEnergy("spike_j", e.getSpikeJ()))
                .setHopX(legacyEnergy("hop_j", e.getHopJ()))
                .setHopY(legacyEnergy("hop_j", e.getHopJ()))
                .setChipHop(
                        legacyEnergy(
                                e.getChipHopJ() > 0
                                        ? "chip_hop_j"
                                        : LEGACY_CHIP_CROSSING_HOPS + " x hop_j",
                                chipHop))
                .setStaticPowerW(legacy("static_power_per_core_w", e.getStaticPowerPerCoreW()))
                .setStaticScope(StaticScope.PER_CORE)
                .setStaticEnergyPerStepJ(
                        legacy("static_energy_per_step_j", e.getStaticEnergyPerStepJ()))
                .setPacing(Pacing.PACED)
                .setStepPeriodS(legacy("step_seconds", e.getStepSeconds()))
                .addNotes(
                        "legacy profile: only an `energy` block, read as a chip paced at"
                                + " energy.step_seconds with no latencies; every figure ASSUMED")
                .build();
    }

    private static EventCost legacyEnergy(String field, double j) {
        return EventCost.newBuilder().setEnergyJ(legacy(field, j)).build();
    }

    private static Figure legacy(String field, double x) {
        return Figure.newBuilder()
                .setValue(x)
                .setStatus(FigureStatus.ASSUMED)
                .setSource("legacy profile field energy." + field + " (no source or range given)")
                .build();
    }

    public CostModel model() {
        return model;
    }

    /** Whether the figures come from a legacy {@code energy} block rather than a cost model. */
    public boolean legacy() {
        return legacy;
    }

    public Pacing pacing() {
        return model.getPacing();
    }

    public boolean paced() {
        return model.getPacing() == Pacing.PACED;
    }

    public StaticScope staticScope() {
        return model.getStaticScope();
    }

    public double energyJ(Bound b, EventKind k) {
        return energyJ[b.ordinal()][k.ordinal()];
    }

    public long latencyFs(Bound b, EventKind k) {
        return latencyFs[b.ordinal()][k.ordinal()];
    }

    /**
     * Latencies of every kind at a bound, indexed by ordinal (the simulator's inner loop reads this
     * array).
     */
    long[] latenciesFs(Bound b) {
        return latencyFs[b.ordinal()];
    }

    public double staticPowerW(Bound b) {
        return staticPowerW[b.ordinal()];
    }

    public double staticEnergyPerStepJ(Bound b) {
        return staticPerStepJ[b.ordinal()];
    }

    /** A paced chip's step length. */
    public long stepPeriodFs(Bound b) {
        return periodFs[b.ordinal()];
    }

    /** The barrier that ends a free-running step when {@code tiles} tiles are in use. */
    public long syncFs(Bound b, int tiles) {
        if (syncTiles.length == 0) return 0;
        int i = 0;
        while (i + 1 < syncTiles.length && Integer.toUnsignedLong(syncTiles[i + 1]) <= tiles) i++;
        return syncFs[b.ordinal()][i];
    }

    /**
     * Every figure of the model by its field name (e.g. {@code synaptic_op_dense.energy_j}), in
     * field order.
     */
    public Map<String, Figure> figures() {
        Map<String, Figure> m = new LinkedHashMap<>();
        for (EventKind k : EventKind.ALL) {
            EventCost c = k.costIn(model);
            m.put(k.field() + ".energy_j", c.getEnergyJ());
            m.put(k.field() + ".latency_s", c.getLatencyS());
        }
        m.put("static_power_w", model.getStaticPowerW());
        m.put("static_energy_per_step_j", model.getStaticEnergyPerStepJ());
        if (paced()) m.put("step_period_s", model.getStepPeriodS());
        for (int i = 0; i < model.getSyncCount(); i++)
            m.put(
                    "sync[" + model.getSync(i).getTiles() + " tiles].seconds",
                    model.getSync(i).getSeconds());
        return m;
    }

    public static double seconds(long fs) {
        return fs / FS;
    }
}
