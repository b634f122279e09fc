package dev.spikeforge.trainer.train;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.TrainingConfig;

/**
 * The checks that need the data: a configuration can be valid in itself and still not fit the
 * images.
 */
public final class DataCheck {
    private DataCheck() {}

    public static void check(TrainingConfig c, LabeledImages train, LabeledImages test) {
        if (train.size() == 0)
            throw new ConfigException("limit", "the training set '" + train.name() + "' is empty");
        if (test != null && (test.rows() != train.rows() || test.cols() != train.cols())) {
            throw new IllegalArgumentException(
                    "training and test images differ in size: "
                            + train.rows()
                            + "x"
                            + train.cols()
                            + " ('"
                            + train.name()
                            + "') vs "
                            + test.rows()
                            + "x"
                            + test.cols()
                            + " ('"
                            + test.name()
                            + "')");
        }
        if (c.input().kind() == Encoding.SEQUENTIAL && c.steps() < train.rows()) {
            throw new ConfigException(
                    "steps",
                    "sequential encoding presents the "
                            + train.rows()
                            + " rows of each image on steps 0.."
                            + (train.rows() - 1)
                            + ", so steps must be >= "
                            + train.rows()
                            + " ("
                            + (train.rows() + c.layers().size() + 1)
                            + " lets the last row reach the readout), got "
                            + c.steps());
        }
    }
}
