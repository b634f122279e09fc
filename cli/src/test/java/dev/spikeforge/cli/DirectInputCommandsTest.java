package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DIRECT-input model through compile --input-mode and simulate, as a user runs them on the
 * Fashion-MNIST slice.
 */
class DirectInputCommandsTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    @TempDir static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("direct.sft");
        CliRunner r =
                CliRunner.run(
                        "train",
                        "--data-dir",
                        SLICE,
                        "--limit",
                        "400",
                        "--test-limit",
                        "100",
                        "--hidden",
                        "24",
                        "--encoding",
                        "direct",
                        "--steps",
                        "6",
                        "--batch",
                        "50",
                        "--epochs",
                        "2",
                        "--threads",
                        "1",
                        "--seed",
                        "7",
                        "--out",
                        model.toString(),
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static JsonObject compile(String target, String mode, Path out) {
        CliRunner r =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        target,
                        "--input-mode",
                        mode,
                        "--validate",
                        "100",
                        "--data-dir",
                        SLICE,
                        "--out",
                        out.toString(),
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        return r.json();
    }

    @Test
    void gradedAndHostCompilesMeasureTheirAccuracyAndSimulateTheSame() {
        for (String[] c : new String[][] {{"loihi2", "graded"}, {"loihi1", "host"}}) {
            Path out = dir.resolve(c[0] + ".sfc");
            JsonObject j = compile(c[0], c[1], out);
            assertEquals(c[1], j.get("input_mode").getAsString());
            assertTrue(j.get("input_payload_bits").getAsInt() >= 2);
            JsonObject a = j.getAsJsonObject("accuracy");
            assertNotNull(a.get("chip_accuracy"), a.toString());
            double flt = a.get("float_accuracy").getAsDouble(),
                    chip = a.get("chip_accuracy").getAsDouble();
            assertTrue(flt > 0.3, "the float model learned: " + flt);
            assertEquals(flt, chip, 0.05, c[0] + " " + c[1] + ": " + a);
            assertTrue(a.get("agreement").getAsDouble() >= 0.9, a.toString());
            // simulate on the same 100 test images classifies exactly as compile's check did.
            CliRunner sim =
                    CliRunner.run(
                            "simulate",
                            out.toString(),
                            "--dataset",
                            "fashion-mnist",
                            "--data-dir",
                            SLICE,
                            "--limit",
                            "100",
                            "--json");
            assertEquals(0, sim.exitCode(), sim.err());
            assertEquals(chip, sim.json().get("accuracy").getAsDouble(), 1e-12);
            // its speed: the synaptic events it counted over the wall time it reports.
            JsonObject s = sim.json();
            double wall = s.get("wall_time_s").getAsDouble();
            assertTrue(wall > 0, s.toString());
            assertEquals(
                    s.get("synaptic_ops_per_inference").getAsDouble() * 100 / wall,
                    s.get("events_per_s").getAsDouble(),
                    1e-6 * s.get("events_per_s").getAsDouble());
            assertTrue(sim.out().contains("M synaptic events/s"), sim.out());
            // deploy streams the payloads to an emulated chip over the wire protocol: the same
            // predictions again.
            try (EmulatedChipServer server = new EmulatedChipServer(ServerOptions.defaults())) {
                InetSocketAddress at = server.start("127.0.0.1", 0);
                CliRunner d =
                        CliRunner.run(
                                "deploy",
                                "--device",
                                "127.0.0.1:" + at.getPort(),
                                out.toString(),
                                "--data-dir",
                                SLICE,
                                "--limit",
                                "100",
                                "--json");
                assertEquals(0, d.exitCode(), d.err());
                assertEquals(chip, d.json().get("accuracy").getAsDouble(), 1e-12);
            }
        }
    }

    @Test
    void aModeTheChipLacksIsRefusedByName() {
        CliRunner r =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        "loihi1",
                        "--input-mode",
                        "graded",
                        "--out",
                        dir.resolve("x.sfc").toString(),
                        "--json");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(
                r.out().contains("graded_spikes") && r.out().contains("--input-mode host"),
                r.out());
        CliRunner bad =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--input-mode",
                        "analog",
                        "--out",
                        dir.resolve("y.sfc").toString());
        assertEquals(64, bad.exitCode());
        assertTrue(bad.err().contains("--input-mode") && bad.err().contains("graded"), bad.err());
    }
}
