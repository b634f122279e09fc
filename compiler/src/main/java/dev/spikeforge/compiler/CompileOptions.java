package dev.spikeforge.compiler;

import dev.spikeforge.compiler.layers.PoolingChoice;
import dev.spikeforge.compiler.layers.SumChoice;
import dev.spikeforge.compiler.mapping.Mesh;
import dev.spikeforge.compiler.quantize.ReadoutActivity;
import dev.spikeforge.compiler.quantize.Rounding;
import dev.spikeforge.compiler.quantize.ScaleMode;
import dev.spikeforge.compiler.quantize.ScaleRule;
import dev.spikeforge.data.LabeledImages;

/**
 * Choices a user makes when compiling.
 *
 * @param weightBits bits per stored weight; 0 means the profile's width. Outside the profile's
 *     range is a {@code weight_bits} / {@code min_weight_bits} violation; 1 is binary, 2 ternary
 * @param rounding how scaled weights become integers (thresholds and biases always round to
 *     nearest)
 * @param readoutActivity fallback spike probability per step of a readout's inputs, used to size
 *     its headroom when the trained network records no firing rates (see ReadoutActivity)
 * @param chipCrossingHops extra hops charged per chip boundary a route crosses (see Mesh)
 * @param scaleRule how each layer's weight scale is chosen
 * @param optimizePlacement false keeps cores in id order on consecutive slots (the naive placement)
 * @param seed seed of the placement optimizer
 * @param validation labelled samples to measure compiled vs float accuracy and spike rates on;
 *     null: none
 * @param scaleMode one weight scale per layer, or per output neuron / conv channel (folded into
 *     thresholds)
 * @param inputMode how DIRECT (analog) input reaches the chip (see {@link InputModeChoice})
 * @param pooling sum pooling folded into synapses or compiled as a layer (see {@link
 *     PoolingChoice})
 * @param sums residual sums read directly or through a sum layer (see {@link SumChoice})
 */
public record CompileOptions(
        int weightBits,
        Rounding rounding,
        double readoutActivity,
        int chipCrossingHops,
        ScaleRule scaleRule,
        boolean optimizePlacement,
        long seed,
        LabeledImages validation,
        ScaleMode scaleMode,
        InputModeChoice inputMode,
        PoolingChoice pooling,
        SumChoice sums) {

    public CompileOptions {
        if (weightBits < 0 || weightBits > 16)
            throw new IllegalArgumentException(
                    "weightBits must be 0 (the profile's) or 1..16, got " + weightBits);
        if (rounding == null) throw new IllegalArgumentException("rounding must be given");
        if (scaleRule == null) throw new IllegalArgumentException("scaleRule must be given");
        if (scaleMode == null) throw new IllegalArgumentException("scaleMode must be given");
        if (inputMode == null) throw new IllegalArgumentException("inputMode must be given");
        if (pooling == null) throw new IllegalArgumentException("pooling must be given");
        if (sums == null) throw new IllegalArgumentException("sums must be given");
        if (!(readoutActivity > 0 && readoutActivity <= 1))
            throw new IllegalArgumentException(
                    "readoutActivity must be in (0, 1], got " + readoutActivity);
        if (chipCrossingHops < 0)
            throw new IllegalArgumentException(
                    "chipCrossingHops must be >= 0, got " + chipCrossingHops);
    }

    public static CompileOptions defaults() {
        return new CompileOptions(
                0,
                Rounding.NEAREST,
                ReadoutActivity.DEFAULT,
                Mesh.DEFAULT_CHIP_CROSSING_HOPS,
                ScaleRule.AUTO,
                true,
                1,
                null,
                ScaleMode.PER_LAYER,
                InputModeChoice.AUTO,
                PoolingChoice.AUTO,
                SumChoice.AUTO);
    }

    public CompileOptions withWeightBits(int bits) {
        return new CompileOptions(
                bits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withRounding(Rounding r) {
        return new CompileOptions(
                weightBits,
                r,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withReadoutActivity(double activity) {
        return new CompileOptions(
                weightBits,
                rounding,
                activity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withChipCrossingHops(int hops) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                hops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withScaleRule(ScaleRule rule) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                rule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withOptimizePlacement(boolean optimize) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimize,
                seed,
                validation,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withSeed(long s) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                s,
                validation,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    /** Samples to validate on (the first ones are used; limit the set before passing it). */
    public CompileOptions withValidation(LabeledImages data) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                data,
                scaleMode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withScaleMode(ScaleMode mode) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                mode,
                inputMode,
                pooling,
                sums);
    }

    public CompileOptions withInputMode(InputModeChoice mode) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                mode,
                pooling,
                sums);
    }

    public CompileOptions withPooling(PoolingChoice p) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                inputMode,
                p,
                sums);
    }

    public CompileOptions withSums(SumChoice s) {
        return new CompileOptions(
                weightBits,
                rounding,
                readoutActivity,
                chipCrossingHops,
                scaleRule,
                optimizePlacement,
                seed,
                validation,
                scaleMode,
                inputMode,
                pooling,
                s);
    }

    /** The weight width actually used on a profile. */
    public int effectiveWeightBits(int profileBits) {
        return weightBits == 0 ? profileBits : weightBits;
    }
}
