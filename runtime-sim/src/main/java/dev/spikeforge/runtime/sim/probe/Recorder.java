package dev.spikeforge.runtime.sim.probe;

import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.ArrayList;
import java.util.List;

/** Records the probes' neurons from a simulator after every step ({@link #capture()}). */
public final class Recorder {
    private final Simulator sim;
    private final int[] layer;
    private final boolean[][] chosen;
    private final List<ProbeRecording> recordings = new ArrayList<>();
    private final int[] scratch;

    public Recorder(Simulator sim, List<Probe> probes) {
        this.sim = sim;
        this.layer = new int[probes.size()];
        this.chosen = new boolean[probes.size()][];
        int max = 0;
        for (int p = 0; p < probes.size(); p++) {
            Probe probe = probes.get(p);
            int l = sim.model().layerIndex(probe.layer());
            int size = sim.layerSize(l);
            int[] ids = probe.neurons();
            if (ids == null) {
                ids = new int[size];
                for (int i = 0; i < size; i++) ids[i] = i;
            }
            boolean[] c = new boolean[size];
            for (int n : ids) {
                if (n < 0 || n >= size) {
                    throw new IllegalArgumentException(
                            "probe "
                                    + probe
                                    + ": neuron "
                                    + n
                                    + " is not in layer '"
                                    + probe.layer()
                                    + "' (0.."
                                    + (size - 1)
                                    + ")");
                }
                c[n] = true;
            }
            layer[p] = l;
            chosen[p] = c;
            recordings.add(new ProbeRecording(probe, ids));
            max = Math.max(max, size);
        }
        this.scratch = new int[max];
    }

    /** Records the state after the step the simulator just executed. */
    public void capture() {
        int step = sim.currentStep() - 1;
        for (int p = 0; p < layer.length; p++) {
            ProbeRecording r = recordings.get(p);
            int l = layer[p];
            if (r.probe().records(Signal.SPIKES)) {
                int n = sim.spikedNeurons(l, scratch);
                for (int k = 0; k < n; k++) if (chosen[p][scratch[k]]) r.addSpike(step, scratch[k]);
            }
            if (r.hasTrace(Signal.VOLTAGE)) r.addTrace(Signal.VOLTAGE, sim.voltages(l));
            if (r.hasTrace(Signal.CURRENT)) r.addTrace(Signal.CURRENT, sim.currents(l));
            r.endStep();
        }
    }

    public Recording recording() {
        return recording(null);
    }

    public Recording recording(ActivityTrace activity) {
        return new Recording(List.copyOf(recordings), activity);
    }
}
