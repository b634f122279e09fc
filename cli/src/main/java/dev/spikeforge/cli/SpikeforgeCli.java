package dev.spikeforge.cli;

import dev.spikeforge.cli.command.*;
import dev.spikeforge.cli.output.ErrorReport;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of bin/spikeforge. */
@Command(
        name = "spikeforge",
        mixinStandardHelpOptions = true,
        version = "spikeforge 0.1.0",
        description =
                "Spiking networks from training to a neuromorphic chip, with energy accounting.",
        subcommands = {
            TrainCommand.class,
            CompileCommand.class,
            CheckCommand.class,
            SimulateCommand.class,
            ServeCommand.class,
            DeployCommand.class,
            InspectCommand.class,
            ConvertCommand.class,
            DemoCommand.class,
            ImportNirCommand.class,
            ExportNirCommand.class,
            ExportNetxCommand.class,
            ImportNetxCommand.class,
            AdviseCommand.class,
            SweepCommand.class,
            EnergyCommand.class,
            dev.spikeforge.cli.command.bench.BenchCommand.class
        })
public final class SpikeforgeCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SpikeforgeCli());
        addHelpOptions(cl, cl.getCommandSpec().version());
        // An unknown flag, a bad value, a missing argument: exit 64, and the JSON error line when
        // --json was given.
        cl.setParameterExceptionHandler(
                (ex, args) -> {
                    CommandLine cmd = ex.getCommandLine();
                    String msg = ex.getMessage();
                    if (ex instanceof CommandLine.UnmatchedArgumentException u
                            && !u.getSuggestions().isEmpty()) {
                        msg += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
                    }
                    ErrorReport.print(
                            cmd.getErr(),
                            cmd.getOut(),
                            cmd.getCommandName(),
                            ErrorReport.KIND_USAGE,
                            msg,
                            Arrays.asList(args).contains("--json"),
                            null);
                    return ExitCodes.USAGE;
                });
        cl.setExecutionExceptionHandler(
                (ex, cmd, parsed) -> {
                    CommandLine.ParseResult leaf = parsed;
                    while (leaf.hasSubcommand()) leaf = leaf.subcommand();
                    boolean usage = ex instanceof UsageError;
                    ErrorReport.print(
                            cmd.getErr(),
                            cmd.getOut(),
                            cmd.getCommandName(),
                            usage ? ErrorReport.KIND_USAGE : ErrorReport.KIND_ERROR,
                            ErrorReport.message(ex),
                            leaf.hasMatchedOption("--json"),
                            ex);
                    return usage ? ExitCodes.USAGE : ExitCodes.ERROR;
                });
        return cl;
    }

    /**
     * Every subcommand, nested ones included, gets -h/--help and -V/--version here rather than in
     * each annotation, so a new command cannot forget them; picocli then prints usage (or the
     * top-level version) and exits 0.
     */
    private static void addHelpOptions(CommandLine cl, String[] version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.version().length == 0) spec.version(version);
            spec.mixinStandardHelpOptions(true);
            addHelpOptions(sub, version);
        }
    }
}
