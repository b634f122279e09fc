package dev.spikeforge.cli;

import dev.spikeforge.cli.command.*;
import picocli.CommandLine;
import picocli.CommandLine.Command;


/** Entry point of bin/spikeforge. */
@Command(name = "spikeforge", mixinStandardHelpOptions = true, version = "spikeforge 0.1.0",
        description = "Spiking networks from training to a neuromorphic chip, with energy accounting.",
        subcommands = {TrainCommand.class, CompileCommand.class, CheckCommand.class, SimulateCommand.class, ServeCommand.class,
                DeployCommand.class, InspectCommand.class, ConvertCommand.class, DemoCommand.class, ImportNirCommand.class, ExportNirCommand.class, ExportNetxCommand.class, ImportNetxCommand.class, AdviseCommand.class, SweepCommand.class, EnergyCommand.class,
                dev.spikeforge.cli.command.bench.BenchCommand.class})
public final class SpikeforgeCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SpikeforgeCli());
        addHelpOptions(cl, cl.getCommandSpec().version());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Errors name the file or flag already; print them plainly, and as JSON for tools that read the last line.
            String msg = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            cmd.getErr().println("spikeforge " + cmd.getCommandName() + ": error: " + msg);
            if (Boolean.getBoolean("spikeforge.trace")) ex.printStackTrace(cmd.getErr());
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) leaf = leaf.subcommand();
            if (leaf.hasMatchedOption("--json")) {
                cmd.getOut().println(new dev.spikeforge.cli.output.JsonLine().put("error", msg).render());
                cmd.getOut().flush();
            }
            return 1;
        });
        return cl;
    }

    /**
     * Every subcommand, nested ones included, gets -h/--help and -V/--version here rather than in each annotation,
     * so a new command cannot forget them; picocli then prints usage (or the top-level version) and exits 0.
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
