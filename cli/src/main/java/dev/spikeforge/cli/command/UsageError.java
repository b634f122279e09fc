package dev.spikeforge.cli.command;

/**
 * The command line asks for something that cannot be (flags that do not go together, a value a flag
 * does not take): exit code {@link ExitCodes#USAGE} and, with --json, a last line with "kind":
 * "usage", like an unknown flag.
 */
public final class UsageError extends IllegalArgumentException {
    public UsageError(String message) {
        super(message);
    }
}
