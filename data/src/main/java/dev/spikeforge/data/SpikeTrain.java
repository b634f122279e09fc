package dev.spikeforge.data;

/** The input spikes of one sample: for each step, the indices of the inputs that spike. */
public record SpikeTrain(int inputs, int[][] spikesPerStep) {
    public int steps() {
        return spikesPerStep.length;
    }

    public long totalSpikes() {
        long n = 0;
        for (int[] s : spikesPerStep) n += s.length;
        return n;
    }
}
