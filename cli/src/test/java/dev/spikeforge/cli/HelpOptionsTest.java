package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Every subcommand, nested ones too, answers --help and --version on stdout with exit 0. */
class HelpOptionsTest {
    @Test
    void subcommandHelpPrintsItsUsageAndOptions() {
        assertHelp(
                new String[] {"train", "--help"},
                "Usage: spikeforge train",
                "--epochs",
                "--surrogate",
                "--chi-adapt");
        assertHelp(
                new String[] {"sweep", "--help"},
                "Usage: spikeforge sweep",
                "--surrogates",
                "--lr",
                "--out");
        assertHelp(
                new String[] {"bench", "sim", "--help"}, "Usage: spikeforge bench sim", "--kernel");
        assertHelp(new String[] {"advise", "-h"}, "Usage: spikeforge advise", "--layers");
    }

    @Test
    void subcommandVersionIsTheToolsVersion() {
        for (String[] args :
                new String[][] {{"--version"}, {"train", "--version"}, {"bench", "sim", "-V"}}) {
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals("spikeforge 0.1.0", r.out().strip(), String.join(" ", args));
        }
    }

    @Test
    void everySubcommandHasTheHelpOption() {
        assertAllHaveHelp(SpikeforgeCli.commandLine());
    }

    private static void assertAllHaveHelp(picocli.CommandLine cl) {
        for (picocli.CommandLine sub : cl.getSubcommands().values()) {
            assertNotNull(
                    sub.getCommandSpec().findOption("--help"),
                    sub.getCommandSpec().qualifiedName() + " has no --help");
            assertNotNull(
                    sub.getCommandSpec().findOption("--version"),
                    sub.getCommandSpec().qualifiedName() + " has no --version");
            assertAllHaveHelp(sub);
        }
    }

    private static void assertHelp(String[] args, String... expected) {
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
        assertEquals("", r.err(), "nothing on stderr");
        for (String e : expected)
            assertTrue(
                    r.out().contains(e),
                    String.join(" ", args) + " should print " + e + ":\n" + r.out());
    }
}
