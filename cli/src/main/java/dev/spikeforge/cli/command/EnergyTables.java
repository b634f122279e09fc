package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.Units;
import dev.spikeforge.sim.energy.AnnComparison;
import dev.spikeforge.sim.energy.EnergyBreakdown;
import dev.spikeforge.sim.energy.EnergyReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The per-layer, per-core and ANN parts of a simulation's energy report, printed and as JSON values. */
final class EnergyTables {
    private EnergyTables() {}

    static void printLayers(Consumer<String> say, EnergyBreakdown b) {
        say.accept("  per layer (per inference):");
        for (EnergyBreakdown.LayerEnergy l : b.layers()) {
            EnergyReport e = l.energy().perInference(b.inferences());
            say.accept(String.format("    %-12s %3d %s  %s  (synaptic %s, spikes %s, updates %s, hops %s, static %s)", l.name(), l.cores(), l.cores() == 1 ? "core " : "cores",
                    Units.joules(e.totalJ()), Units.joules(e.synapticJ()), Units.joules(e.spikeJ()), Units.joules(e.neuronUpdateJ()),
                    Units.joules(e.hopJ()), Units.joules(e.staticJ())));
        }
        say.accept(String.format("    %-12s            %s  (hops of input spikes)", "host input", Units.joules(b.inputHopJ() / b.inferences())));
    }

    static void printAnn(Consumer<String> say, AnnComparison a) {
        say.accept(String.format("  equivalent ANN: %d MACs × %s = %s per inference; ANN / chip = %.3g", a.macsPerInference(),
                Units.joules(a.macJ()), Units.joules(a.annJPerInference()), a.ratio()));
        say.accept("    (" + AnnComparison.SOURCE + ")");
    }

    static List<Map<String, Object>> layers(EnergyBreakdown b) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EnergyBreakdown.LayerEnergy l : b.layers()) {
            Map<String, Object> m = counts(l.energy());
            m.put("layer", l.name());
            m.put("cores", l.cores());
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> cores(EnergyBreakdown b) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EnergyBreakdown.CoreEnergy c : b.cores()) {
            Map<String, Object> m = counts(c.energy());
            m.put("core", c.core());
            m.put("layer", c.layer());
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
        m.put("source", AnnComparison.SOURCE);
        return m;
    }

    private static Map<String, Object> counts(EnergyReport e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("energy_j", e.totalJ());
        m.put("synaptic_j", e.synapticJ());
        m.put("spike_j", e.spikeJ());
        m.put("neuron_update_j", e.neuronUpdateJ());
        m.put("hop_j", e.hopJ());
        m.put("static_j", e.staticJ());
        m.put("synaptic_ops", e.synapticOps());
        m.put("spikes", e.spikes());
        m.put("neuron_updates", e.neuronUpdates());
        m.put("hops", e.hops());
        return m;
    }
}
