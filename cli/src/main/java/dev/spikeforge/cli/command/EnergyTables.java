package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.EnergySummary;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.LatencySummary;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A simulation's cost report, printed and as JSON: energy per inference with its band beside
 * latency per inference with its band, then per layer, per core and the ANN baselines.
 */
final class EnergyTables {
    private EnergyTables() {}

    static void print(Consumer<String> say, String title, EnergyBreakdown b, String profile) {
        EnergySummary.print(say, title, b.perInference(), b.costs(), profile);
        LatencySummary.print(say, b.timing(), layerNames(b));
        printLayers(say, b);
        printAnn(say, b.ann());
    }

    /**
     * Energy and latency (per inference when the run covers several), per layer, per core, ANN
     * baselines.
     */
    static void put(JsonLine result, EnergyBreakdown b, ChipProfile profile) {
        EnergyReport per = b.perInference();
        result.put("energy_per_inference_j", per.totalJ())
                .put("energy_band_j", per.band())
                .put("energy", EnergySummary.breakdown(per));
        LatencySummary.put(result.fields(), b.timing(), layerNames(b));
        EnergySummary.Dominant d = EnergySummary.dominant(per, b.costs());
        if (d != null) {
            result.put(
                    "dominant",
                    Map.of(
                            "part",
                            d.part(),
                            "share",
                            d.share(),
                            "status",
                            d.status().name().toLowerCase(java.util.Locale.ROOT)));
        }
        result.put("assumed_figures", EnergySummary.assumedUsed(per, b.costs()))
                .put("energy_per_layer", layers(b))
                .put("energy_per_core", cores(b))
                .put("input_hop_j", b.inputHopJ() / b.inferences())
                .put("ann", ann(b.ann()))
                .put("profile", profile.getName())
                .put("profile_sources", profile.getSourcesList());
    }

    static IntFunction<String> layerNames(EnergyBreakdown b) {
        return l -> l >= 0 && l < b.layers().size() ? b.layers().get(l).name() : "?";
    }

    static void printLayers(Consumer<String> say, EnergyBreakdown b) {
        say.accept("  per layer (per inference):");
        for (EnergyBreakdown.LayerEnergy l : b.layers()) {
            EnergyReport e = l.energy().perInference(b.inferences());
            say.accept(
                    String.format(
                            "    %-12s %3d %s  %s  (synaptic %s, neurons %s, spikes %s, messages"
                                    + " %s, hops %s, static %s)",
                            l.name(),
                            l.cores(),
                            l.cores() == 1 ? "core " : "cores",
                            Units.joules(e.totalJ()),
                            Units.joules(e.synapticJ()),
                            Units.joules(e.neuronAccessJ() + e.neuronUpdateJ()),
                            Units.joules(e.spikeJ()),
                            Units.joules(e.messageJ()),
                            Units.joules(e.hopJ()),
                            Units.joules(e.staticJ())));
        }
        say.accept(
                String.format(
                        "    %-12s            %s  (sending host input messages and their hops)",
                        "host input", Units.joules(b.inputHopJ() / b.inferences())));
    }

    static void printAnn(Consumer<String> say, AnnComparison a) {
        for (AnnComparison.AnnBaseline x : new AnnComparison.AnnBaseline[] {a.fp32(), a.int8()}) {
            say.accept(
                    String.format(
                            "  equivalent ANN, %s at %s: %d MACs × %s + %d weight reads (%s) = %s"
                                    + " per inference; ANN / chip = %.3g",
                            x.name(),
                            AnnComparison.PROCESS,
                            x.macs(),
                            Units.joules(x.macJ()),
                            x.weights(),
                            x.memory(),
                            Units.joules(x.totalJ()),
                            x.totalJ() / a.snnJPerInference()));
        }
        say.accept("    (" + AnnComparison.SOURCE + ")");
    }

    static List<Map<String, Object>> layers(EnergyBreakdown b) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EnergyBreakdown.LayerEnergy l : b.layers()) {
            Map<String, Object> m = counts(l.energy().perInference(b.inferences()));
            m.put("layer", l.name());
            m.put("cores", l.cores());
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> cores(EnergyBreakdown b) {
        List<Map<String, Object>> out = new ArrayList<>();
        double[] busy = b.timing().busySeconds();
        for (EnergyBreakdown.CoreEnergy c : b.cores()) {
            Map<String, Object> m = counts(c.energy().perInference(b.inferences()));
            m.put("core", c.core());
            m.put("layer", c.layer());
            m.put("busy_s", busy[c.core()] / b.inferences());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> ann(AnnComparison a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("macs_per_inference", a.macsPerInference());
        m.put("mac_j", a.macJ());
        m.put("ann_energy_per_inference_j", a.annJPerInference());
        m.put("snn_energy_per_inference_j", a.snnJPerInference());
        m.put("ann_over_snn", a.ratio());
        m.put("ann_fp32_j", a.fp32().totalJ());
        m.put("ann_int8_j", a.int8().totalJ());
        List<Map<String, Object>> baselines = new ArrayList<>();
        for (AnnComparison.AnnBaseline x : new AnnComparison.AnnBaseline[] {a.fp32(), a.int8()}) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", x.name());
            v.put("process", AnnComparison.PROCESS);
            v.put("macs", x.macs());
            v.put("mac_j", x.macJ());
            v.put("weights", x.weights());
            v.put("read_j_per_weight", x.readJPerWeight());
            v.put("memory", x.memory());
            v.put("energy_per_inference_j", x.totalJ());
            v.put("over_snn", x.totalJ() / a.snnJPerInference());
            baselines.add(v);
        }
        m.put("baselines", baselines);
        m.put("source", AnnComparison.SOURCE);
        return m;
    }

    private static Map<String, Object> counts(EnergyReport e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("energy_j", e.totalJ());
        m.put("synaptic_j", e.synapticJ());
        m.put("spike_j", e.spikeJ());
        m.put("neuron_update_j", e.neuronUpdateJ());
        m.put("neuron_access_j", e.neuronAccessJ());
        m.put("message_j", e.messageJ());
        m.put("hop_j", e.hopJ());
        m.put("static_j", e.staticJ());
        m.put("synaptic_ops", e.synapticOps());
        m.put("spikes", e.spikes());
        m.put("neuron_updates", e.neuronUpdates());
        m.put("messages", e.messages());
        m.put("hops", e.hops());
        return m;
    }
}
