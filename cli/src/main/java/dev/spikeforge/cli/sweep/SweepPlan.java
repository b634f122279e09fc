package dev.spikeforge.cli.sweep;

import dev.spikeforge.proto.Encoding;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.TrainingConfig;
import java.io.Serializable;
import java.util.Locale;

/**
 * How every cell of a sweep is trained, as the flags gave it (null: the default). A cell's training
 * configuration is built from it where the cell runs, so a task sent to another machine carries
 * these few values, not a {@link TrainingConfig}.
 */
public record SweepPlan(
        int epochs,
        int limit,
        int testLimit,
        int[] hidden,
        Integer steps,
        String encoding,
        Integer batch,
        long seed,
        double targetAccuracy)
        implements Serializable {

    /** The configuration every cell starts from; a bad value is named by its flag. */
    public TrainingConfig baseConfig() {
        TrainingConfig c =
                TrainingConfig.defaults()
                        .withEpochs(epochs)
                        .withLimit(limit)
                        .withTestLimit(testLimit)
                        .withSeed(seed);
        try {
            if (hidden != null) c = c.withHidden(hidden);
            if (steps != null) c = c.withSteps(steps);
            if (batch != null) c = c.withBatch(batch);
            c =
                    switch (encoding.toLowerCase(Locale.ROOT)) {
                        case "direct" -> c.withEncoding(Encoding.DIRECT);
                        case "rate" -> c.withEncoding(Encoding.RATE);
                        default ->
                                throw new IllegalArgumentException(
                                        "--encoding: unknown '"
                                                + encoding
                                                + "'; choose direct or rate");
                    };
        } catch (ConfigException e) {
            throw new IllegalArgumentException(
                    "--" + e.setting().replace('_', '-') + ": " + e.getMessage());
        }
        if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException(
                    "--target-accuracy: must be in (0, 1], got " + targetAccuracy);
        }
        return c;
    }
}
