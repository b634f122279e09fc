package dev.spikeforge.trainer.input;

import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputSpec;

/** The {@link SampleEncoder} for an encoding and an image size. */
public final class SampleEncoders {
    private SampleEncoders() {}

    /**
     * @param seed the rate generator's seed (unused by the deterministic encodings)
     */
    public static SampleEncoder create(
            Encoding kind,
            int steps,
            float gain,
            float latencyCutoff,
            long seed,
            int rows,
            int cols) {
        int pixels = rows * cols;
        return switch (kind) {
            case RATE -> new RateSamples(new RateEncoder(steps, gain, seed), pixels);
            case DIRECT -> new DirectSamples(steps, pixels, gain);
            case LATENCY -> new LatencySamples(steps, pixels, gain, latencyCutoff);
            case SEQUENTIAL -> new SequentialSamples(steps, rows, cols, gain);
            default ->
                    throw new IllegalArgumentException(
                            "input encoding "
                                    + kind
                                    + " is not supported (use DIRECT, RATE, LATENCY or"
                                    + " SEQUENTIAL)");
        };
    }

    /**
     * What an artifact's input spec prescribes: rate spikes from {@code encoding_seed}, keyed by
     * sample index.
     */
    public static SampleEncoder forSpec(InputSpec spec, int rows, int cols) {
        return create(
                spec.getEncoding(),
                spec.getSteps(),
                spec.getGain(),
                spec.getLatencyCutoff(),
                spec.getEncodingSeed(),
                rows,
                cols);
    }
}
