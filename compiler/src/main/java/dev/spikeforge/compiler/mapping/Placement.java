package dev.spikeforge.compiler.mapping;

/**
 * Which mesh slot every core occupies, with the hop traffic (Σ expected spikes per step × hops over
 * all routes) of this placement and of the naive one (core i on slot i).
 */
public record Placement(
        int[] slotOfCore, double hopTraffic, double naiveHopTraffic, long iterations) {

    /** placed / naive; 1 when there is no traffic. */
    public double ratio() {
        return naiveHopTraffic == 0 ? 1 : hopTraffic / naiveHopTraffic;
    }

    /** Cores in id order on consecutive slots. */
    public static int[] inOrder(int cores) {
        int[] s = new int[cores];
        for (int i = 0; i < cores; i++) s[i] = i;
        return s;
    }
}
