package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulate --input and deploy --input read spike files with one reader and report every event they
 * did not use.
 */
class SpikeInputReportTest {
    @TempDir Path dir;

    private Path[] files() throws IOException {
        Path net = dir.resolve("one.json");
        Files.writeString(net, Docs.compiledExample(0));
        Path spikes = dir.resolve("in.csv");
        StringBuilder sb = new StringBuilder("step,neuron\n");
        for (int t = 0; t < 7; t++) sb.append(t).append(",0\n");
        sb.append("20,0\n30,0\n3,0\n"); // two past --steps 7, one repeat
        Files.writeString(spikes, sb.toString());
        return new Path[] {net, spikes};
    }

    private static void assertCounts(JsonObject j) {
        assertEquals(10, j.get("input_events_read").getAsLong(), j.toString());
        assertEquals(7, j.get("input_events_used").getAsLong(), j.toString());
        assertEquals(
                "{\"past_steps\":2,\"duplicate\":1}", j.get("input_events_dropped").toString());
    }

    @Test
    void simulateReportsDroppedEventsAndStrictRefusesThem() throws IOException {
        Path[] f = files();
        CliRunner sim =
                CliRunner.run("simulate", f[0].toString(), "--input", f[1].toString(), "--json");
        assertEquals(0, sim.exitCode(), sim.err());
        assertCounts(sim.json());
        assertTrue(
                sim.out()
                        .contains(
                                "10 input events read, 7 used; dropped 2 at steps >= 7 (past the"
                                        + " run's steps) and 1 duplicates"),
                sim.out());
        assertEquals("[[3,0],[6,0]]", sim.json().get("output_spikes").toString());

        CliRunner strict =
                CliRunner.run(
                        "simulate",
                        f[0].toString(),
                        "--input",
                        f[1].toString(),
                        "--strict",
                        "--json");
        assertEquals(1, strict.exitCode());
        assertTrue(strict.json().get("error").getAsString().contains("--strict"), strict.out());
    }

    @Test
    void deployReadsTheSameWayAndRunsTheSameSpikes() throws IOException {
        Path[] f = files();
        try (EmulatedChipServer server = new EmulatedChipServer(ServerOptions.defaults())) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            String device = "127.0.0.1:" + at.getPort();
            CliRunner d =
                    CliRunner.run(
                            "deploy",
                            "--device",
                            device,
                            f[0].toString(),
                            "--input",
                            f[1].toString(),
                            "--json");
            assertEquals(0, d.exitCode(), d.err());
            assertCounts(d.json());
            assertEquals(
                    2,
                    d.json().get("output_spikes").getAsLong(),
                    "spikes on steps 3 and 6, as simulate");
            CliRunner strict =
                    CliRunner.run(
                            "deploy",
                            "--device",
                            device,
                            f[0].toString(),
                            "--input",
                            f[1].toString(),
                            "--strict",
                            "--json");
            assertEquals(1, strict.exitCode());
            assertTrue(strict.json().get("error").getAsString().contains("--strict"), strict.out());
        }
    }
}
