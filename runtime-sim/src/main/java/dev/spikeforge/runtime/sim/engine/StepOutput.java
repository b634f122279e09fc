package dev.spikeforge.runtime.sim.engine;

/**
 * What the last layer did on one step: the neurons that spiked and, for a readout layer, its
 * potentials.
 */
public final class StepOutput {
    private final int[] spikes;
    private int spikeCount;
    private final int[] readout;
    private int step;

    StepOutput(int size, boolean readout) {
        this.spikes = new int[size];
        this.readout = readout ? new int[size] : null;
    }

    /** Takes the spikes from the partitions' lists (each ascending, partitions in neuron order). */
    void capture(int step, int[][] lists, int[] counts, int[] v) {
        this.step = step;
        int n = 0;
        for (int p = 0; p < lists.length; p++) {
            System.arraycopy(lists[p], 0, spikes, n, counts[p]);
            n += counts[p];
        }
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
