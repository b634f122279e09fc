package dev.spikeforge.neuron;

import java.util.Arrays;

/**
 * The registers of one layer's fixed-point neurons: current u, voltage v, refractory countdown and this step's spikes.
 * {@link FixedNeuron#step} reads and writes them; {@link FixedNeuron#newState} sizes them for a model.
 */
public final class NeuronState {
    public final int[] u;
    public final int[] v;
    /** Steps left in the refractory period; null when the layer has none. */
    public final int[] refractory;
    public final boolean[] spikes;

    public NeuronState(int size, boolean hasRefractory) {
        u = new int[size];
        v = new int[size];
        refractory = hasRefractory ? new int[size] : null;
        spikes = new boolean[size];
    }

    public int size() {
        return v.length;
    }

    public void reset() {
        Arrays.fill(u, 0);
        Arrays.fill(v, 0);
        if (refractory != null) Arrays.fill(refractory, 0);
        Arrays.fill(spikes, false);
    }
}
