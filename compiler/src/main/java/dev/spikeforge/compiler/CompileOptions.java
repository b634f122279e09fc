package dev.spikeforge.compiler;

import dev.spikeforge.compiler.mapping.Mesh;
import dev.spikeforge.compiler.quantize.ReadoutActivity;
import dev.spikeforge.compiler.quantize.Rounding;

/**
 * Choices a user makes when compiling.
 *
 * @param weightBits       bits per stored weight; 0 means the profile's width. More than the profile's is a
 *                         {@code weight_bits} violation; fewer than 2 leave no symmetric range and are rejected here
 * @param rounding         how scaled weights become integers (thresholds and biases always round to nearest)
 * @param readoutActivity  fallback spike probability per step of a readout's inputs, used to size its headroom
 *                         when the trained network records no firing rates (see ReadoutActivity)
 * @param chipCrossingHops extra hops charged per chip boundary a route crosses (see Mesh)
 */
public record CompileOptions(int weightBits, Rounding rounding, double readoutActivity, int chipCrossingHops) {

    public CompileOptions {
        if (weightBits != 0 && weightBits < 2) throw new IllegalArgumentException("weightBits must be 0 (the profile's) or >= 2, got " + weightBits);
        if (rounding == null) throw new IllegalArgumentException("rounding must be given");
        if (!(readoutActivity > 0 && readoutActivity <= 1)) throw new IllegalArgumentException("readoutActivity must be in (0, 1], got " + readoutActivity);
        if (chipCrossingHops < 0) throw new IllegalArgumentException("chipCrossingHops must be >= 0, got " + chipCrossingHops);
    }

    public static CompileOptions defaults() {
        return new CompileOptions(0, Rounding.NEAREST, ReadoutActivity.DEFAULT, Mesh.DEFAULT_CHIP_CROSSING_HOPS);
    }

    public CompileOptions withWeightBits(int bits) {
        return new CompileOptions(bits, rounding, readoutActivity, chipCrossingHops);
    }

    public CompileOptions withRounding(Rounding r) {
        return new CompileOptions(weightBits, r, readoutActivity, chipCrossingHops);
    }

    public CompileOptions withReadoutActivity(double activity) {
        return new CompileOptions(weightBits, rounding, activity, chipCrossingHops);
    }

    public CompileOptions withChipCrossingHops(int hops) {
        return new CompileOptions(weightBits, rounding, readoutActivity, hops);
    }

    /** The weight width actually used on a profile. */
    public int effectiveWeightBits(int profileBits) {
        return weightBits == 0 ? profileBits : weightBits;
    }
}
