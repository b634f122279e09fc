package dev.spikeforge.cli.command;

/**
 * The exit codes of every command (README, "Exit codes"): 0 done, 1 an error (a bad file, a device
 * that refused, a failure), 2 the network does not fit the chip (compile, check), 64 a usage error
 * (an unknown flag, a flag value out of range, flags that do not go together; 64 is EX_USAGE of
 * sysexits.h).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int DOES_NOT_FIT = 2;
    public static final int USAGE = 64;

    private ExitCodes() {}
}
