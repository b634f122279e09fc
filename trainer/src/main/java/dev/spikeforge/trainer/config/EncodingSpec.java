package dev.spikeforge.trainer.config;

import dev.spikeforge.proto.Encoding;
import dev.spikeforge.trainer.ConfigException;
import java.util.Objects;

/**
 * How a sample becomes the first layer's input (see {@link Encoding}).
 *
 * @param kind DIRECT (analog current every step), RATE (Bernoulli spikes), LATENCY (one spike,
 *     earlier for brighter pixels) or SEQUENTIAL (row t of the image on step t, analog)
 * @param steps simulation steps T per sample
 * @param gain multiplies the pixel value (RATE: spike probability per step = gain × pixel)
 * @param latencyCutoff LATENCY: pixels at or below it (after gain) never spike
 * @param encodingSeed RATE: seed of the evaluation spikes stored in the artifact; null = the
 *     training seed
 */
public record EncodingSpec(
        Encoding kind, int steps, float gain, float latencyCutoff, Long encodingSeed) {

    public EncodingSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind == Encoding.ENCODING_UNSPECIFIED || kind == Encoding.UNRECOGNIZED) {
            throw new ConfigException(
                    "encoding", "choose one of direct, rate, latency, sequential");
        }
        if (steps < 2)
            throw new ConfigException(
                    "steps", "must be >= 2 (every connection delays by one step), got " + steps);
        if (!(gain > 0) || !Float.isFinite(gain))
            throw new ConfigException("gain", "must be > 0, got " + gain);
        if (!(latencyCutoff >= 0 && latencyCutoff < 1))
            throw new ConfigException("latency_cutoff", "must be in [0, 1), got " + latencyCutoff);
    }

    public static EncodingSpec rate(int steps, float gain) {
        return new EncodingSpec(Encoding.RATE, steps, gain, 0f, null);
    }

    public EncodingSpec withKind(Encoding v) {
        return new EncodingSpec(v, steps, gain, latencyCutoff, encodingSeed);
    }

    public EncodingSpec withSteps(int v) {
        return new EncodingSpec(kind, v, gain, latencyCutoff, encodingSeed);
    }

    public EncodingSpec withGain(float v) {
        return new EncodingSpec(kind, steps, v, latencyCutoff, encodingSeed);
    }

    public EncodingSpec withLatencyCutoff(float v) {
        return new EncodingSpec(kind, steps, gain, v, encodingSeed);
    }

    public EncodingSpec withEncodingSeed(Long v) {
        return new EncodingSpec(kind, steps, gain, latencyCutoff, v);
    }

    /** "rate", "direct", …: the CLI's and provenance's name. */
    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
