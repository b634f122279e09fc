package dev.spikeforge.runtime.sim.run;

/** The outcome of one sample: the predicted class and the scores it was taken from. */
public record SampleResult(int prediction, long[] scores, long outputSpikes) {

    /** argmax, lowest index on ties, so every consumer breaks ties the same way. */
    public static int argmax(long[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }
}
