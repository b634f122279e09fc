package dev.spikeforge.cli.command.bench;

import picocli.CommandLine.Command;

/**
 * `spikeforge bench ...`: measured speed and memory figures, printed as a table and (with --json)
 * as one JSON line.
 */
@Command(
        name = "bench",
        description = "Benchmarks: speed and memory of each stage.",
        subcommands = {
            BenchSimCommand.class,
            BenchCompileCommand.class,
            BenchBridgeCommand.class,
            BenchStatsCommand.class
        })
public final class BenchCommand {}
