package dev.spikeforge.bridge.device;

import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.sim.energy.EnergyReport;
import dev.spikeforge.sim.network.ActivityCounters;

/** Builds a Telemetry message from counters, with the energy the runtime's {@link EnergyReport} model gives them. */
public final class TelemetryMessages {
    private TelemetryMessages() {}

    public static Telemetry of(ActivityCounters sinceReset, ActivityCounters sinceLoad, EnergyModel model) {
        EnergyReport energy = EnergyReport.of(sinceReset, model);
        Telemetry.Builder t = Telemetry.newBuilder()
                .setTotal(CounterTotals.of(sinceReset).toProto())
                .setEnergyJ(energy.totalJ())
                .setDynamicEnergyJ(energy.dynamicJ())
                .setStaticEnergyJ(energy.staticJ())
                .setCumulative(CounterTotals.of(sinceLoad).toProto())
                .setCumulativeEnergyJ(EnergyReport.of(sinceLoad, model).totalJ());
        for (int c = 0; c < sinceReset.cores(); c++) t.addPerCore(CounterTotals.ofCore(sinceReset, c).toProto());
        return t.build();
    }
}
