package dev.spikeforge.cli.output;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.sim.energy.EnergyReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Prints an energy report with its formula and the profile's figures, and gives its JSON breakdown. */
public final class EnergySummary {
    private EnergySummary() {}

    public static void print(Consumer<String> say, String title, EnergyReport e, ChipProfile profile) {
        say.accept(String.format("%s: %s (dynamic %s, static %s)", title, Units.joules(e.totalJ()), Units.joules(e.dynamicJ()), Units.joules(e.staticJ())));
        say.accept(String.format("  synaptic ops   %12d × %s = %s", e.synapticOps(), Units.joules(profile.getEnergy().getSynapticOpJ()), Units.joules(e.synapticJ())));
        say.accept(String.format("  spikes         %12d × %s = %s", e.spikes(), Units.joules(profile.getEnergy().getSpikeJ()), Units.joules(e.spikeJ())));
        say.accept(String.format("  neuron updates %12d × %s = %s", e.neuronUpdates(), Units.joules(profile.getEnergy().getNeuronUpdateJ()), Units.joules(e.neuronUpdateJ())));
        say.accept(String.format("  routed hops    %12d × %s = %s", e.hops(), Units.joules(profile.getEnergy().getHopJ()), Units.joules(e.hopJ())));
        say.accept(String.format("  static         %d cores × %.3g W × %d steps × %.3g s = %s", e.activeCores(),
                profile.getEnergy().getStaticPowerPerCoreW(), e.steps(), profile.getEnergy().getStepSeconds(), Units.joules(e.staticJ())));
        say.accept("  " + EnergyReport.FORMULA + "   (figures: profile '" + profile.getName() + "')");
        for (String source : profile.getSourcesList()) {
            if (source.startsWith("energy")) say.accept("    source: " + source);
        }
    }

    public static Map<String, Object> breakdown(EnergyReport e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("synaptic_j", e.synapticJ());
        m.put("spike_j", e.spikeJ());
        m.put("neuron_update_j", e.neuronUpdateJ());
        m.put("hop_j", e.hopJ());
        m.put("static_j", e.staticJ());
        m.put("dynamic_j", e.dynamicJ());
        m.put("synaptic_ops", e.synapticOps());
        m.put("spikes", e.spikes());
        m.put("neuron_updates", e.neuronUpdates());
        m.put("hops", e.hops());
        m.put("formula", EnergyReport.FORMULA);
        return m;
    }

    public static List<String> sources(ChipProfile p) {
        return p.getSourcesList();
    }
}
