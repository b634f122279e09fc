package dev.spikeforge.cli.sweep;

import java.util.List;

/**
 * What one cell's training run gave. {@code finalAccuracy} is the test accuracy after the last epoch (NaN when the
 * loss diverged); {@code epochsToTarget} the first epoch whose test accuracy reached the target (null: never).
 * {@code diverged}: the loss became NaN or infinite, or the final accuracy stayed at chance (≤ 1.2 / classes).
 */
public record CellResult(String shape, double dampening, double sharpness, double tailFatness, double lr,
                         double finalAccuracy, double trainAccuracy, double spikesPerSample, Integer epochsToTarget,
                         boolean diverged, String divergedReason, List<Double> testAccuracyPerEpoch, double seconds) {

    public boolean matches(SweepCell c) {
        return shape.equals(c.shape()) && dampening == c.dampening() && sharpness == c.sharpness()
                && tailFatness == c.tailFatness() && lr == c.lr();
    }
}
