package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.ErrorReport;
import dev.spikeforge.cli.output.JsonLine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that prints a human summary and, with --json, its result as the last line of stdout.
 */
public abstract class CommandBase implements Callable<Integer> {
    @Mixin public JsonOption jsonOption;

    @Spec protected CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected void say(String format, Object... args) {
        out().println(args.length == 0 ? format : String.format(format, args));
        out().flush();
    }

    @Override
    public final Integer call() throws Exception {
        FlagRanges.check(spec.commandLine());
        JsonLine result = new JsonLine();
        int code;
        try {
            code = run(result);
        } catch (OutOfMemoryError e) {
            // Let go of what the run held before the handler builds its message.
            result = null;
            throw new IllegalStateException(ErrorReport.message(e), e);
        }
        if (jsonOption.json) {
            out().println(result.render());
            out().flush();
        }
        return code;
    }

    /** Does the work, prints the human summary with {@link #say}, and fills {@code result}. */
    protected abstract int run(JsonLine result) throws Exception;
}
