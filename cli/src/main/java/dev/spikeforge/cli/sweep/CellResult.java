package dev.spikeforge.cli.sweep;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * What one cell's training run gave. {@code finalAccuracy} is the test accuracy after the last
 * epoch (NaN when the loss diverged); {@code epochsToTarget} the first epoch whose test accuracy
 * reached the target (null: never). {@code diverged}: the loss became NaN or infinite, or the final
 * accuracy stayed at chance (≤ 1.2 / classes).
 *
 * <p>Cell files and results.json name the fields in snake_case like the --json line and
 * results.csv; the camelCase names of older sweeps are still read, so a sweep started before keeps
 * its finished cells when resumed.
 */
public record CellResult(
        String shape,
        double dampening,
        double sharpness,
        @SerializedName(value = "tail_fatness", alternate = "tailFatness") double tailFatness,
        double lr,
        @SerializedName(value = "final_accuracy", alternate = "finalAccuracy") double finalAccuracy,
        @SerializedName(value = "train_accuracy", alternate = "trainAccuracy") double trainAccuracy,
        @SerializedName(value = "spikes_per_sample", alternate = "spikesPerSample")
                double spikesPerSample,
        @SerializedName(value = "epochs_to_target", alternate = "epochsToTarget")
                Integer epochsToTarget,
        boolean diverged,
        @SerializedName(value = "diverged_reason", alternate = "divergedReason")
                String divergedReason,
        @SerializedName(value = "test_accuracy_per_epoch", alternate = "testAccuracyPerEpoch")
                List<Double> testAccuracyPerEpoch,
        double seconds)
        implements java.io.Serializable {

    public boolean matches(SweepCell c) {
        return shape.equals(c.shape())
                && dampening == c.dampening()
                && sharpness == c.sharpness()
                && tailFatness == c.tailFatness()
                && lr == c.lr();
    }
}
