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
        return with(c -> c.weightBits = bits);
    }

    public CompileOptions withRounding(Rounding r) {
        return with(c -> c.rounding = r);
    }

    public CompileOptions withReadoutActivity(double activity) {
        return with(c -> c.readoutActivity = activity);
    }

    public CompileOptions withChipCrossingHops(int hops) {
        return with(c -> c.chipCrossingHops = hops);
    }

    public CompileOptions withScaleRule(ScaleRule rule) {
        return with(c -> c.scaleRule = rule);
    }

    public CompileOptions withOptimizePlacement(boolean optimize) {
        return with(c -> c.optimizePlacement = optimize);
    }

    public CompileOptions withSeed(long s) {
        return with(c -> c.seed = s);
    }

    /** Samples to validate on (the first ones are used; limit the set before passing it). */
    public CompileOptions withValidation(LabeledImages data) {
        return with(c -> c.validation = data);
    }

    public CompileOptions withScaleMode(ScaleMode mode) {
        return with(c -> c.scaleMode = mode);
    }

    public CompileOptions withInputMode(InputModeChoice mode) {
        return with(c -> c.inputMode = mode);
    }

    public CompileOptions withPooling(PoolingChoice p) {
        return with(c -> c.pooling = p);
    }

    public CompileOptions withSums(SumChoice s) {
        return with(c -> c.sums = s);
    }

    /** These options with one choice changed (the record's fields, as mutable copies). */
    private CompileOptions with(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new CompileOptions(
                c.weightBits,
                c.rounding,
                c.readoutActivity,
                c.chipCrossingHops,
                c.scaleRule,
                c.optimizePlacement,
                c.seed,
                c.validation,
                c.scaleMode,
                c.inputMode,
                c.pooling,
                c.sums);
    }

    /** A mutable copy of the fields, for {@link #with}. */
    private static final class Copy {
        int weightBits;
        Rounding rounding;
        double readoutActivity;
        int chipCrossingHops;
        ScaleRule scaleRule;
        boolean optimizePlacement;
        long seed;
        LabeledImages validation;
        ScaleMode scaleMode;
        InputModeChoice inputMode;
        PoolingChoice pooling;
        SumChoice sums;

        Copy(CompileOptions o) {
            weightBits = o.weightBits;
            rounding = o.rounding;
            readoutActivity = o.readoutActivity;
            chipCrossingHops = o.chipCrossingHops;
            scaleRule = o.scaleRule;
            optimizePlacement = o.optimizePlacement;
            seed = o.seed;
            validation = o.validation;
            scaleMode = o.scaleMode;
            inputMode = o.inputMode;
            pooling = o.pooling;
            sums = o.sums;
        }
    }

    /** The weight width actually used on a profile. */
    public int effectiveWeightBits(int profileBits) {
        return weightBits == 0 ? profileBits : weightBits;
    }
}
