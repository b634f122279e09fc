package dev.spikeforge.cli.output;

import dev.spikeforge.proto.Figure;
import dev.spikeforge.proto.FigureStatus;
import dev.spikeforge.runtime.sim.cost.Bound;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints an energy report with its band, each event kind's count × figure, the static part, the
 * figures' statuses (every assumed figure the report used is named) and the part that dominates;
 * and gives its JSON breakdown.
 */
public final class EnergySummary {
    private EnergySummary() {}

    public static void print(
            Consumer<String> say, String title, EnergyReport e, ChipCosts costs, String profile) {
        double[] band = e.band();
        say.accept(
                String.format(
                        "%s: %s [%s, %s] (dynamic %s, static %s)",
                        title,
                        Units.joules(e.totalJ()),
                        Units.joules(band[0]),
                        Units.joules(band[1]),
                        Units.joules(e.dynamicJ()),
                        Units.joules(e.staticJ())));
        for (EventKind k : EventKind.ALL) {
            if (e.count(k) == 0) continue;
            say.accept(
                    String.format(
                            "  %-19s %12d × %-9s = %s",
                            k.field().replace('_', ' '),
                            e.count(k),
                            Units.joules(costs.energyJ(Bound.VALUE, k)),
                            Units.joules(e.energyJ(k))));
        }
        say.accept(
                String.format(
                        "  %-19s %s (%s power × chip time%s)",
                        "static",
                        Units.joules(e.staticJ()),
                        costs.staticScope() == dev.spikeforge.proto.StaticScope.PER_CORE
                                ? "per-core"
                                : "per-chip",
                        costs.staticEnergyPerStepJ(Bound.VALUE) > 0
                                ? " + energy per chip and step"
                                : ""));
        Dominant d = dominant(e, costs);
        if (d != null) {
            say.accept(
                    String.format(
                            "  dominated by %s: %s of the energy (figure %s)",
                            d.part(),
                            Units.percent(d.share()),
                            d.status().name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<String> assumed = assumedUsed(e, costs);
        if (!assumed.isEmpty())
            say.accept(
                    "  ASSUMED figures in this result (no source for this chip): "
                            + String.join(", ", assumed));
        say.accept(
                "  "
                        + EnergyReport.FORMULA
                        + "   (figures: profile '"
                        + profile
                        + "', docs/energy.md)");
    }

    /** The part of the energy with the largest share, and the status of its figure. */
    public record Dominant(String part, double share, FigureStatus status) {}

    public static Dominant dominant(EnergyReport e, ChipCosts costs) {
        double total = e.totalJ();
        if (!(total > 0)) return null;
        Map<String, Figure> figures = costs.figures();
        String part = "static";
        double best = e.staticJ();
        FigureStatus status = costs.model().getStaticPowerW().getStatus();
        for (EventKind k : EventKind.ALL) {
            if (e.energyJ(k) > best) {
                best = e.energyJ(k);
                part = k.field().replace('_', ' ');
                status = figures.get(k.field() + ".energy_j").getStatus();
            }
        }
        return new Dominant(part, best / total, status);
    }

    /**
     * Names of the assumed figures the report's energy depends on (those of events that happened,
     * and static power).
     */
    public static List<String> assumedUsed(EnergyReport e, ChipCosts costs) {
        List<String> out = new ArrayList<>();
        for (EventKind k : EventKind.ALL) {
            EventFigures f = EventFigures.of(costs, k);
            if (e.count(k) > 0
                    && f.energy().getStatus() == FigureStatus.ASSUMED
                    && f.energy().getValue() > 0) out.add(k.field() + ".energy_j");
        }
        if (e.staticJ() > 0
                && costs.model().getStaticPowerW().getStatus() == FigureStatus.ASSUMED
                && costs.staticPowerW(Bound.VALUE) > 0) {
            out.add("static_power_w");
        }
        if (e.staticJ() > 0
                && costs.model().getStaticEnergyPerStepJ().getStatus() == FigureStatus.ASSUMED
                && costs.staticEnergyPerStepJ(Bound.VALUE) > 0) {
            out.add("static_energy_per_step_j");
        }
        return out;
    }

    private record EventFigures(Figure energy, Figure latency) {
        static EventFigures of(ChipCosts costs, EventKind k) {
            Map<String, Figure> f = costs.figures();
            return new EventFigures(
                    f.get(k.field() + ".energy_j"), f.get(k.field() + ".latency_s"));
        }
    }

    public static Map<String, Object> breakdown(EnergyReport e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("synaptic_j", e.synapticJ());
        m.put("spike_j", e.spikeJ());
        m.put("neuron_update_j", e.neuronUpdateJ());
        m.put("neuron_access_j", e.neuronAccessJ());
        m.put("message_j", e.messageJ());
        m.put("hop_j", e.hopJ());
        m.put("static_j", e.staticJ());
        m.put("dynamic_j", e.dynamicJ());
        m.put("total_j", e.totalJ());
        m.put("energy_band_j", e.band());
        m.put("synaptic_ops", e.synapticOps());
        m.put("spikes", e.spikes());
        m.put("neuron_updates", e.neuronUpdates());
        m.put("neuron_accesses", e.neuronAccesses());
        m.put("messages", e.messages());
        m.put("hops", e.hops());
        m.put("chip_hops", e.chipHops());
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (EventKind k : EventKind.ALL)
            byKind.put(k.field(), Map.of("count", e.count(k), "energy_j", e.energyJ(k)));
        m.put("by_event", byKind);
        m.put("formula", EnergyReport.FORMULA);
        return m;
    }

    /** The figures of a cost model with their status, source and range, as reports list them. */
    public static Map<String, Object> figures(ChipCosts costs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Figure> f : costs.figures().entrySet()) {
            Figure x = f.getValue();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", x.getValue());
            v.put("range", new double[] {Bound.LOW.of(x), Bound.HIGH.of(x)});
            v.put("status", x.getStatus().name().toLowerCase(java.util.Locale.ROOT));
            v.put("source", x.getSource());
            m.put(f.getKey(), v);
        }
        return m;
    }
}
