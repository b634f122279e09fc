package dev.spikeforge.sim.network;

/** What the last layer did on one step: the neurons that spiked and, for a readout layer, its potentials. */
public final class StepOutput {
    private final int[] spikes;
    private int spikeCount;
    private final int[] readout;
    private int step;

    StepOutput(int size, boolean readout) {
        this.spikes = new int[size];
        this.readout = readout ? new int[size] : null;
    }

    void capture(int step, boolean[] z, int[] v) {
        this.step = step;
        int n = 0;
        for (int i = 0; i < z.length; i++) if (z[i]) spikes[n++] = i;
        spikeCount = n;
        if (readout != null) System.arraycopy(v, 0, readout, 0, readout.length);
    }

    public int step() {
        return step;
    }

    public int spikeCount() {
        return spikeCount;
    }

    public int spike(int k) {
        return spikes[k];
    }

    public int[] spikesCopy() {
        return java.util.Arrays.copyOf(spikes, spikeCount);
    }

    public boolean hasReadout() {
        return readout != null;
    }

    /** Readout potentials (integer chip units); live view, overwritten by the next step. */
    public int[] readout() {
        return readout;
    }
}
