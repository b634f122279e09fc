package dev.spikeforge.device.bridge.device;

import dev.spikeforge.proto.CostCounts;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;

/**
 * The cost model's counts and times on the wire (Telemetry.costs), and back into an energy report.
 */
public final class CostWire {
    private CostWire() {}

    public static CostCounts of(EnergyBreakdown b) {
        EnergyReport e = b.total();
        CostCounts.Builder c = CostCounts.newBuilder().setSteps(e.steps());
        for (EventKind k : EventKind.ALL) c.addEvents(e.count(k));
        for (double s : e.staticBounds()) c.addStaticEnergyJ(s);
        for (double s : b.timing().chipBounds()) c.addChipTimeS(s);
        return c.build();
    }

    /** Whether a telemetry carries costs (a server predating them leaves them unset). */
    public static boolean present(CostCounts c) {
        return c.getEventsCount() == EventKind.COUNT
                && c.getStaticEnergyJCount() == 3
                && c.getChipTimeSCount() == 3;
    }

    /**
     * The counts priced with {@code costs}' event figures; static energy as the device reported it.
     */
    public static EnergyReport report(CostCounts c, ChipCosts costs) {
        if (!present(c))
            throw new IllegalArgumentException(
                    "the device's telemetry carries no cost counts (a server older than this"
                            + " client)");
        long[] events = new long[EventKind.COUNT];
        for (int k = 0; k < events.length; k++) events[k] = c.getEvents(k);
        double[] stat = {c.getStaticEnergyJ(0), c.getStaticEnergyJ(1), c.getStaticEnergyJ(2)};
        return EnergyReport.of(events, stat, c.getSteps(), costs);
    }

    /** Chip time: value, low, high. */
    public static double[] chipTime(CostCounts c) {
        return new double[] {c.getChipTimeS(0), c.getChipTimeS(1), c.getChipTimeS(2)};
    }
}
