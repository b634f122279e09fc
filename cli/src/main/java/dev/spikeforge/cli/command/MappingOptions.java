package dev.spikeforge.cli.command;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.InputModeChoice;
import picocli.CommandLine.Option;

/**
 * How a network's structure meets the chip, shared by {@code compile} and {@code check} so a check answers for the
 * compile it precedes: how analog input enters the chip.
 */
public final class MappingOptions {
    @Option(names = "--input-mode", paramLabel = "MODE", defaultValue = "auto",
            description = "How DIRECT (analog) input reaches the chip: graded (graded spikes carry each value; the profile must have them), "
                    + "host (the host computes the first layer, whose spikes enter the chip), spikes (binary input only: DIRECT input is then "
                    + "refused), auto (graded where the profile has graded spikes, else host). Default: ${DEFAULT-VALUE}.")
    String inputMode;

    /** {@code base} with these choices; errors name the flag. */
    public CompileOptions apply(CompileOptions base) {
        try {
            return base.withInputMode(InputModeChoice.parse(inputMode.trim()));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--input-mode: " + e.getMessage());
        }
    }
}
