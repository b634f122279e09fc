package dev.spikeforge.trainer;

/** Progress of an evaluation, reported after every batch. */
@FunctionalInterface
public interface EvaluationListener {
    void onProgress(int samplesDone, int samplesTotal);

    EvaluationListener NONE = (done, total) -> {};
}
