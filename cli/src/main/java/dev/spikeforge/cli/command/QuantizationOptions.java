package dev.spikeforge.cli.command;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.quantize.Rounding;
import dev.spikeforge.compiler.quantize.ScaleMode;
import dev.spikeforge.compiler.quantize.ScaleRule;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How weights are quantized: shared by {@code compile} and {@code check} so that a check answers
 * for the compile it precedes (per-channel scales change the weight levels counted on axon-type
 * chips).
 */
public final class QuantizationOptions {
    @Option(
            names = "--weight-bits",
            paramLabel = "B",
            defaultValue = "0",
            description = "Weight bits, 1 (binary) to 16 (default: the profile's).")
    int weightBits;

    @Option(
            names = "--rounding",
            paramLabel = "MODE",
            defaultValue = "nearest",
            description =
                    "Weight rounding: nearest, nearest-even, toward-zero, stochastic (default:"
                            + " ${DEFAULT-VALUE}).")
    String rounding;

    @Option(
            names = "--scale",
            paramLabel = "per-layer|per-channel",
            defaultValue = "per-layer",
            description =
                    "One weight scale per layer, or per output neuron / conv channel (folded into"
                            + " each neuron's threshold and bias; the readout keeps one scale)."
                            + " Default: ${DEFAULT-VALUE}. Also accepts a --scale-rule value (older"
                            + " form).")
    String scale;

    @Option(
            names = "--scale-rule",
            paramLabel = "RULE",
            description =
                    "How a scale is chosen: max (no clipping), mse (clip to minimize squared"
                            + " error), auto (max at >= 4 bits, else mse; default).")
    String scaleRule;

    /** {@code base} with these choices; errors name the flag. */
    public CompileOptions apply(CompileOptions base) {
        return base.withWeightBits(weightBits)
                .withRounding(rounding())
                .withScaleRule(scaleRule())
                .withScaleMode(scaleMode());
    }

    private Rounding rounding() {
        try {
            return Rounding.parse(rounding);
        } catch (IllegalArgumentException e) {
            throw new UsageError(
                    "--rounding: unknown mode '"
                            + rounding
                            + "'; choose nearest, nearest-even, toward-zero or stochastic");
        }
    }

    private boolean scaleIsRule() {
        return List.of("max", "mse", "auto").contains(scale.trim().toLowerCase(Locale.ROOT));
    }

    ScaleMode scaleMode() {
        if (scaleIsRule()) return ScaleMode.PER_LAYER;
        try {
            return ScaleMode.parse(scale);
        } catch (IllegalArgumentException e) {
            throw new UsageError(
                    "--scale: " + e.getMessage() + " (or a --scale-rule value: max, mse, auto)");
        }
    }

    private ScaleRule scaleRule() {
        if (scaleRule != null && scaleIsRule())
            throw new UsageError(
                    "--scale " + scale + " and --scale-rule " + scaleRule + ": give the rule once");
        return ScaleRule.parse(scaleRule != null ? scaleRule : scaleIsRule() ? scale : "auto");
    }
}
