package dev.spikeforge.trainer;

/**
 * The result of classifying a data set with the float network.
 *
 * @param accuracy fraction of samples whose argmax score equals the label
 * @param predictions predicted class per sample (argmax, lowest index on ties)
 * @param scores class scores, [samples × classes] row-major (readout potential after the last step)
 * @param spikesPerSample spikes emitted by the network's neurons per sample (input spikes not
 *     included)
 * @param inputSpikesPerSample encoded input spikes per sample
 * @param synapticOpsPerSample Σ over all spikes, input spikes included, of the synapses (non-zero
 *     weights) they drive
 * @param firingRates spikes per neuron per step, per hidden layer
 */
public record FloatEvaluation(
        double accuracy,
        int[] predictions,
        float[] scores,
        int classes,
        double spikesPerSample,
        double inputSpikesPerSample,
        double synapticOpsPerSample,
        double[] firingRates) {

    public int samples() {
        return predictions.length;
    }

    public float score(int sample, int cls) {
        return scores[sample * classes + cls];
    }
}
