package dev.spikeforge.runtime.sim.probe;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one probe recorded: spikes as (step, neuron) events and, per traced signal, one value per
 * step and neuron in integer chip units.
 */
public final class ProbeRecording {
    private final String layer;
    private final int[] neurons;
    private final Probe probe;
    private int[] spikeSteps = new int[64];
    private int[] spikeNeurons = new int[64];
    private int spikeCount;
    private final Map<Signal, int[]> traces = new EnumMap<>(Signal.class);
    private int steps;

    ProbeRecording(Probe probe, int[] neurons) {
        this.probe = probe;
        this.layer = probe.layer();
        this.neurons = neurons;
        for (Signal s : probe.signals())
            if (s != Signal.SPIKES) traces.put(s, new int[neurons.length * 16]);
    }

    void addSpike(int step, int neuron) {
        if (spikeCount == spikeSteps.length) {
            spikeSteps = java.util.Arrays.copyOf(spikeSteps, 2 * spikeCount);
            spikeNeurons = java.util.Arrays.copyOf(spikeNeurons, 2 * spikeCount);
        }
        spikeSteps[spikeCount] = step;
        spikeNeurons[spikeCount++] = neuron;
    }

    void addTrace(Signal s, int[] values) {
        int[] t = traces.get(s);
        int need = (steps + 1) * neurons.length;
        if (need > t.length)
            traces.put(s, t = java.util.Arrays.copyOf(t, Math.max(need, 2 * t.length)));
        int off = steps * neurons.length;
        for (int i = 0; i < neurons.length; i++) t[off + i] = values[neurons[i]];
    }

    void endStep() {
        steps++;
    }

    public String layer() {
        return layer;
    }

    public Probe probe() {
        return probe;
    }

    /** The recorded neurons (layer indices), in recording order. */
    public int[] neurons() {
        return neurons.clone();
    }

    public int steps() {
        return steps;
    }

    public int spikeCount() {
        return spikeCount;
    }

    public int spikeStep(int k) {
        return spikeSteps[k];
    }

    public int spikeNeuron(int k) {
        return spikeNeurons[k];
    }

    /** Spike events as [step, neuron] pairs, in time order. */
    public int[][] spikes() {
        int[][] out = new int[spikeCount][];
        for (int k = 0; k < spikeCount; k++) out[k] = new int[] {spikeSteps[k], spikeNeurons[k]};
        return out;
    }

    public boolean hasTrace(Signal s) {
        return traces.containsKey(s);
    }

    /** The trace of the i-th recorded neuron ({@code neurons()[i]}): one value per step. */
    public int[] trace(Signal s, int i) {
        int[] t = traces.get(s);
        if (t == null)
            throw new IllegalArgumentException("probe " + probe + " did not record " + s.label());
        int[] out = new int[steps];
        for (int step = 0; step < steps; step++) out[step] = t[step * neurons.length + i];
        return out;
    }

    /** The trace of layer neuron {@code neuron}, which must be among the recorded ones. */
    public int[] traceOf(Signal s, int neuron) {
        for (int i = 0; i < neurons.length; i++) if (neurons[i] == neuron) return trace(s, i);
        throw new IllegalArgumentException(
                "neuron " + neuron + " of layer '" + layer + "' is not recorded by " + probe);
    }
}
