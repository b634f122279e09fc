package dev.spikeforge.data;

/**
 * The input spikes of one sample: for each step, the indices of the inputs that spike and, for
 * graded input, the integer payload each spike carries ({@code payloadsPerStep[t][k]} belongs to
 * {@code spikesPerStep[t][k]}; null: binary spikes, payload 1).
 */
public record SpikeTrain(int inputs, int[][] spikesPerStep, int[][] payloadsPerStep) {

    /** Binary spikes. */
    public SpikeTrain(int inputs, int[][] spikesPerStep) {
        this(inputs, spikesPerStep, null);
    }

    public SpikeTrain {
        if (payloadsPerStep != null) {
            if (payloadsPerStep.length != spikesPerStep.length) {
                throw new IllegalArgumentException(
                        "payloads for "
                                + payloadsPerStep.length
                                + " steps, spikes for "
                                + spikesPerStep.length);
            }
            for (int t = 0; t < spikesPerStep.length; t++) {
                if (payloadsPerStep[t].length != spikesPerStep[t].length) {
                    throw new IllegalArgumentException(
                            "step "
                                    + t
                                    + ": "
                                    + payloadsPerStep[t].length
                                    + " payloads for "
                                    + spikesPerStep[t].length
                                    + " spikes");
                }
            }
        }
    }

    public int steps() {
        return spikesPerStep.length;
    }

    public boolean graded() {
        return payloadsPerStep != null;
    }

    /** Payloads of step t, or null for binary spikes. */
    public int[] payloadsAt(int t) {
        return payloadsPerStep == null ? null : payloadsPerStep[t];
    }

    public long totalSpikes() {
        long n = 0;
        for (int[] s : spikesPerStep) n += s.length;
        return n;
    }
}
