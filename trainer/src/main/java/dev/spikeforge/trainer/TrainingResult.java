package dev.spikeforge.trainer;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param network the artifact, with provenance
 * @param testAccuracy float test accuracy of the final network (NaN without a test set)
 * @param trainAccuracy accuracy on the training batches of the last epoch, measured while training
 * @param epochSeconds wall time of each epoch's training (evaluation excluded)
 * @param firingRates per hidden layer, spikes per neuron per step on the test set (training batches
 *     without one)
 * @param synapticOpsPerSample synaptic ops per test sample, input spikes included (NaN without a
 *     test set)
 * @param epochs the per-epoch metrics, as recorded in provenance
 */
public record TrainingResult(
        TrainedNetwork network,
        double testAccuracy,
        double trainAccuracy,
        List<Double> epochSeconds,
        double[] firingRates,
        double synapticOpsPerSample,
        List<EpochMetrics> epochs) {
    public TrainingResult {
        epochSeconds = List.copyOf(epochSeconds);
        epochs = List.copyOf(epochs);
    }
}
