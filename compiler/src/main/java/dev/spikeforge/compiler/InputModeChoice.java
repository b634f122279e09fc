package dev.spikeforge.compiler;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputMode;

/**
 * How a network's input reaches the chip ({@code compile --input-mode}). Spike-coded input (RATE,
 * LATENCY) is always binary spikes; DIRECT (analog) input needs graded spikes carrying each value
 * as a payload, or a first layer the host computes (its spikes then enter the chip as binary
 * input).
 */
public enum InputModeChoice {
    /** GRADED where the profile has graded spikes, else HOST; SPIKES for spike-coded input. */
    AUTO,
    /** Binary input spikes only: DIRECT input is then a violation. */
    SPIKES,
    /** Graded spikes: the profile must have them. */
    GRADED,
    /** The first layer runs on the host. */
    HOST;

    /** The flag values, lower case. */
    public static String names() {
        return "auto, spikes, graded, host";
    }

    public static InputModeChoice parse(String value) {
        for (InputModeChoice c : values()) if (c.name().equalsIgnoreCase(value)) return c;
        throw new IllegalArgumentException(
                "unknown input mode '" + value + "'; one of: " + names());
    }

    /** What this choice means for a network with {@code encoding} on {@code profile}. */
    public InputMode resolve(Encoding encoding, ChipProfile profile) {
        boolean analog = encoding == Encoding.DIRECT;
        return switch (this) {
            case AUTO ->
                    !analog
                            ? InputMode.INPUT_SPIKES
                            : profile.getGradedSpikeBits() > 0
                                    ? InputMode.INPUT_GRADED
                                    : InputMode.INPUT_HOST;
            case SPIKES -> InputMode.INPUT_SPIKES;
            case GRADED -> InputMode.INPUT_GRADED;
            case HOST -> InputMode.INPUT_HOST;
        };
    }
}
