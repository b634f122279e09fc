package dev.spikeforge.runtime.sim.neuron;

/**
 * What one kernel call over a neuron range produced: the indices of the neurons that spiked
 * (appended to {@link #spikeList}), how many neurons were active, and whether the range is left
 * with no state at all. One per worker thread, reused every call.
 */
public final class SegmentTally {
    public int[] spikeList;
    public int spikeCount;
    public int active;
    public int spikes;

    /**
     * True when every neuron of the range ends the step with u = v = 0, no refractory countdown and
     * no spike.
     */
    public boolean quiet;

    /** Prepares for one range; spikes are appended to {@code list} from position {@code count}. */
    public void start(int[] list, int count) {
        spikeList = list;
        spikeCount = count;
        active = 0;
        spikes = 0;
        quiet = false;
    }
}
