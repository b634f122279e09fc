package dev.spikeforge.cli.command;

import picocli.CommandLine.Option;

/** The --json flag every command shares. */
public final class JsonOption {
    @Option(
            names = "--json",
            description = "Also print one JSON object as the last line of stdout.")
    public boolean json;
}
