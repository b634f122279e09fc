package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every numeric flag of every command has a range, and values outside it are usage errors naming
 * the flag.
 */
class FlagRangesTest {

    private static void collect(CommandLine cl, List<String> missing) throws Exception {
        var numeric =
                Class.forName("dev.spikeforge.cli.command.FlagRanges")
                        .getDeclaredMethod("numeric", OptionSpec.class);
        var of =
                Class.forName("dev.spikeforge.cli.command.FlagRanges")
                        .getDeclaredMethod("of", String.class, String.class);
        numeric.setAccessible(true);
        of.setAccessible(true);
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if ((boolean) numeric.invoke(null, o)
                    && of.invoke(null, cl.getCommandName(), o.longestName()) == null) {
                missing.add(cl.getCommandName() + " " + o.longestName());
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) collect(sub, missing);
    }

    @Test
    void everyNumericFlagHasARange() throws Exception {
        List<String> missing = new ArrayList<>();
        collect(SpikeforgeCli.commandLine(), missing);
        assertEquals(List.of(), missing);
    }

    private static void usage(String expected, String... args) {
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        CliRunner r = CliRunner.run(withJson);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals("usage", r.json().get("kind").getAsString());
        assertTrue(r.json().get("error").getAsString().contains(expected), r.out());
    }

    @Test
    void theIssuesExamplesAreRefusedByName() {
        usage(
                "--limit must be >= 0 and at most 2147483647, got -3",
                "simulate",
                "x.sfc",
                "--dataset",
                "fashion-mnist",
                "--limit",
                "-3");
        usage(
                "--validate must be >= 0 and at most 2147483647, got -5",
                "compile",
                "x.sft",
                "--out",
                "y.sfc",
                "--validate",
                "-5");
        usage(
                "--steps must be >= 1 and at most 10000000, got -1",
                "simulate",
                "x.sfc",
                "--input",
                "s.csv",
                "--steps",
                "-1");
        usage("--port must be >= 0 and at most 65535, got 70000", "serve", "--port", "70000");
        usage(
                "--ann-mac-j must be >= 0 and at most 1, got NaN",
                "simulate",
                "x.sfc",
                "--input",
                "s.csv",
                "--ann-mac-j",
                "NaN");
        usage(
                "--lr must be > 0 and at most 1000, got Infinity",
                "train",
                "--lr",
                "Infinity",
                "--out",
                "x.sft");
    }
}
