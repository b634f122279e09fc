package dev.spikeforge.cli.command;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.InputModeChoice;
import dev.spikeforge.compiler.layers.PoolingChoice;
import dev.spikeforge.compiler.layers.SumChoice;
import picocli.CommandLine.Option;

/**
 * How a network's structure meets the chip, shared by {@code compile} and {@code check} so a check
 * answers for the compile it precedes: how analog input enters the chip, whether sum pooling is
 * folded or a layer, and whether a residual sum is read directly or through a layer.
 */
public final class MappingOptions {
    @Option(
            names = "--input-mode",
            paramLabel = "MODE",
            defaultValue = "auto",
            description =
                    "How DIRECT (analog) input reaches the chip: graded (graded spikes carry each"
                        + " value; the profile must have them), host (the host computes the first"
                        + " layer, whose spikes enter the chip), spikes (binary input only: DIRECT"
                        + " input is then refused), auto (graded where the profile has graded"
                        + " spikes, else host). Default: ${DEFAULT-VALUE}.")
    String inputMode;

    @Option(
            names = "--pooling",
            paramLabel = "MODE",
            defaultValue = "auto",
            description =
                    "Sum pooling after a conv layer: fold (into the next layer's synapses, which"
                        + " then read every pre-pool neuron), layer (a layer of graded neurons"
                        + " sending each window's spike count: exact, one more step, needs graded"
                        + " spikes), auto (on a chip with graded spikes: a layer where folding"
                        + " breaks a fan-in or input-axon limit, and everywhere when that takes"
                        + " fewer cores; else fold). Default: ${DEFAULT-VALUE}.")
    String pooling;

    @Option(
            names = "--sums",
            paramLabel = "MODE",
            defaultValue = "auto",
            description =
                    "Residual sums (a layer reading several sources): direct (the layer's neurons"
                        + " hold a synapse per column per source), layer (a sum layer of graded"
                        + " neurons adds the sources column by column first: exact, one more step,"
                        + " needs graded spikes), auto (on a chip with graded spikes: a layer where"
                        + " reading directly breaks a fan-in or input-axon limit; else direct)."
                        + " Default: ${DEFAULT-VALUE}.")
    String sums;

    /** {@code base} with these choices; errors name the flag. */
    public CompileOptions apply(CompileOptions base) {
        InputModeChoice mode;
        try {
            mode = InputModeChoice.parse(inputMode.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--input-mode: " + e.getMessage());
        }
        SumChoice sum;
        try {
            sum = SumChoice.parse(sums.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--sums: " + e.getMessage());
        }
        try {
            return base.withInputMode(mode)
                    .withPooling(PoolingChoice.parse(pooling.trim()))
                    .withSums(sum);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--pooling: " + e.getMessage());
        }
    }
}
