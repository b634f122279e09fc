package dev.spikeforge.neuron;

import java.util.Arrays;

/**
 * The registers of one layer's fixed-point neurons: current u, voltage v, refractory countdown and
 * this step's spikes. {@link FixedNeuron#step} reads and writes them; {@link FixedNeuron#newState}
 * sizes them for a model.
 */
public final class NeuronState {
    public final int[] u;
    public final int[] v;

    /** Steps left in the refractory period; null when the layer has none. */
    public final int[] refractory;

    public final boolean[] spikes;

    /**
     * A graded layer's spike payloads (valid where {@link #spikes} is set); null for binary spikes.
     */
    public final int[] payload;

    public NeuronState(int size, boolean hasRefractory) {
        this(size, hasRefractory, false);
    }

    public NeuronState(int size, boolean hasRefractory, boolean graded) {
        u = new int[size];
        v = new int[size];
        refractory = hasRefractory ? new int[size] : null;
        spikes = new boolean[size];
        payload = graded ? new int[size] : null;
    }

    public int size() {
        return v.length;
    }

    public void reset() {
        Arrays.fill(u, 0);
        Arrays.fill(v, 0);
        if (refractory != null) Arrays.fill(refractory, 0);
        Arrays.fill(spikes, false);
        if (payload != null) Arrays.fill(payload, 0);
    }
}
