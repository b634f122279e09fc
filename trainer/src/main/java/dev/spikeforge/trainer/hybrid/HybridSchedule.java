package dev.spikeforge.trainer.hybrid;

import java.util.Locale;

/**
 * How many levels (dt) the hidden layers' quantized activations have in each epoch, from many
 * (almost non-spiking) down to 1, which means the LIF neuron's own binary spike. The last {@code
 * spikingEpochs} epochs always spike, so the network that is exported (and evaluated) is the one
 * trained last.
 *
 * @param startLevels dt of the first epoch (≥ 2)
 * @param kind HALVING: dt halves every epoch until it reaches 1; GEOMETRIC: dt falls geometrically
 *     from startLevels over all the hybrid epochs, reaching 1 exactly at the first spiking epoch
 * @param spikingEpochs final epochs with binary spikes (≥ 1)
 */
public record HybridSchedule(int startLevels, Kind kind, int spikingEpochs) {
    public enum Kind {
        HALVING,
        GEOMETRIC
    }

    public HybridSchedule {
        if (startLevels < 2)
            throw new IllegalArgumentException(
                    "hybrid start levels must be >= 2, got " + startLevels);
        if (spikingEpochs < 1)
            throw new IllegalArgumentException(
                    "fully spiking final epochs must be >= 1, got " + spikingEpochs);
        java.util.Objects.requireNonNull(kind, "kind");
    }

    /** dt of epoch {@code epoch} (1-based) of {@code epochs}; 1 = binary spikes. */
    public int levels(int epoch, int epochs) {
        int hybridEpochs = epochs - spikingEpochs;
        if (epoch > hybridEpochs) return 1;
        return switch (kind) {
            case HALVING -> Math.max(1, startLevels >> Math.min(30, epoch - 1));
            case GEOMETRIC ->
                    (int)
                            Math.max(
                                    1,
                                    Math.round(
                                            Math.pow(
                                                    startLevels,
                                                    1 - (epoch - 1) / (double) hybridEpochs)));
        };
    }

    public static Kind parseKind(String s) {
        try {
            return Kind.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown hybrid schedule '" + s + "'; choose halving or geometric");
        }
    }

    public String describe() {
        return kind.name().toLowerCase(Locale.ROOT)
                + "(start_levels="
                + startLevels
                + ", spiking_epochs="
                + spikingEpochs
                + ")";
    }
}
