package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.ExitCodes;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy that is told to stop (SIGTERM) ends its session with Close, so the device frees the chip
 * at once.
 */
class DeployShutdownTest {
    @TempDir Path dir;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (long end = System.nanoTime() + 30_000_000_000L;
                !condition.getAsBoolean();
                Thread.sleep(10)) {
            if (System.nanoTime() > end) fail("still not true after 30 s: " + what);
        }
    }

    @Test
    void sigtermSendsCloseInsteadOfLeavingTheSessionToTimeOut() throws Exception {
        Path net = dir.resolve("one.json");
        Files.writeString(net, Docs.compiledExample(0));
        Path spikes = dir.resolve("in.csv");
        Files.writeString(spikes, "0,0\n");
        // Ten minutes to resume: only a Close can free the chip within this test.
        ServerOptions options = ServerOptions.defaults().withResumeTimeout(Duration.ofMinutes(10));
        try (EmulatedChipServer server = new EmulatedChipServer(options)) {
            int port = server.start("127.0.0.1", 0).getPort();
            Process deploy =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx256m",
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    SpikeforgeCli.class.getName(),
                                    "deploy",
                                    "--device",
                                    "127.0.0.1:" + port,
                                    net.toString(),
                                    "--input",
                                    spikes.toString(),
                                    "--steps",
                                    "5000000")
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("deploy.log").toFile())
                            .start();
            try {
                await("deploy is stepping", () -> server.metrics().snapshot().steps() > 20);
                assertEquals(1, server.chipsInUse());
                deploy.destroy(); // SIGTERM
                assertTrue(deploy.waitFor(30, TimeUnit.SECONDS), "deploy ended");
                await(
                        "the chip is freed by Close, not by the resume timeout",
                        () -> server.chipsInUse() == 0);
                assertEquals(
                        0,
                        server.metrics().snapshot().detachedSessions(),
                        "the session was closed, not left to be resumed");
            } finally {
                deploy.destroyForcibly();
            }
        }
    }

    @Test
    void theMemoryBudgetFlagTakesSizes() {
        CliRunner r = CliRunner.run("serve", "--memory-budget", "lots", "--json");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(
                r.err()
                        .contains(
                                "--memory-budget must be a positive size such as 536870912, 512m or"
                                        + " 4g, got 'lots'"),
                r.err());
    }
}
