package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.JsonForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `energy MODEL --profiles ...`: one row per profile, the same numbers `simulate` gives, a reason
 * where it does not fit.
 */
class EnergyCommandTest {
    @TempDir Path dir;

    private Path spikes() throws IOException {
        StringBuilder sb = new StringBuilder("step,neuron\n");
        for (int t = 0; t < 30; t++)
            for (int i = 0; i < SimulatePerChannelTest.INPUTS; i += 1 + t % 3)
                sb.append(t).append(',').append(i).append('\n');
        Path f = dir.resolve("in.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void oneRowPerProfileWithBandsAndTheSameNumbersAsSimulate() throws IOException {
        Path model = dir.resolve("net.sft");
        ArtifactFiles.write(model, SimulatePerChannelTest.net());
        // a profile of your own whose one-neuron cores cannot hold the two-neuron layer on its
        // single core
        ChipProfile tiny =
                ChipProfiles.load("generic").toBuilder()
                        .setName("tiny")
                        .setNeuronsPerCore(1)
                        .setCoresPerChip(1)
                        .setChips(1)
                        .setMeshWidth(1)
                        .setMeshHeight(1)
                        .build();
        Path tinyFile = dir.resolve("tiny.json");
        Files.writeString(tinyFile, JsonForm.toJson(tiny));
        Path in = spikes(), png = dir.resolve("energy.png");
        CliRunner r =
                CliRunner.run(
                        "energy",
                        model.toString(),
                        "--profiles",
                        "loihi2,generic," + tinyFile,
                        "--input",
                        in.toString(),
                        "--steps",
                        "30",
                        "--png",
                        png.toString(),
                        "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonArray rows = r.json().getAsJsonArray("profiles");
        assertEquals(3, rows.size());
        for (int k = 0; k < 2; k++) {
            JsonObject row = rows.get(k).getAsJsonObject();
            assertTrue(row.get("fits").getAsBoolean(), row.toString());
            for (String f :
                    new String[] {
                        "cores",
                        "chips",
                        "energy_per_inference_j",
                        "latency_per_inference_s",
                        "throughput_inferences_per_s",
                        "bottleneck",
                        "ann_fp32_j",
                        "ann_int8_j"
                    }) assertTrue(row.has(f), f + " in " + row);
            double e = row.get("energy_per_inference_j").getAsDouble(),
                    l = row.get("latency_per_inference_s").getAsDouble();
            JsonArray eb = row.getAsJsonArray("energy_band_j"),
                    lb = row.getAsJsonArray("latency_band_s");
            assertTrue(
                    e > 0 && eb.get(0).getAsDouble() <= e && e <= eb.get(1).getAsDouble(),
                    row.toString());
            assertTrue(
                    l > 0 && lb.get(0).getAsDouble() <= l && l <= lb.get(1).getAsDouble(),
                    row.toString());
            assertEquals(1 / l, row.get("throughput_inferences_per_s").getAsDouble(), 1e-6 / l);
        }
        JsonObject unfit = rows.get(2).getAsJsonObject();
        assertEquals("tiny", unfit.get("profile").getAsString());
        assertFalse(unfit.get("fits").getAsBoolean());
        assertTrue(unfit.get("reason").getAsString().contains("cores"), unfit.toString());
        assertNotNull(ImageIO.read(png.toFile()), "a readable PNG");
        assertTrue(r.out().contains("loihi2") && r.out().contains("ASSUMED figures"), r.out());

        // The loihi2 row is what compile + simulate of the same network on the same spikes report.
        Path chip = dir.resolve("net.sfc");
        assertEquals(
                0,
                CliRunner.run(
                                "compile",
                                model.toString(),
                                "--target",
                                "loihi2",
                                "--validate",
                                "0",
                                "--out",
                                chip.toString())
                        .exitCode());
        CliRunner sim =
                CliRunner.run(
                        "simulate",
                        chip.toString(),
                        "--input",
                        in.toString(),
                        "--steps",
                        "30",
                        "--json");
        assertEquals(0, sim.exitCode(), sim.err());
        JsonObject s = sim.json(), row = rows.get(0).getAsJsonObject();
        assertEquals(
                s.get("energy_per_inference_j").getAsDouble(),
                row.get("energy_per_inference_j").getAsDouble(),
                1e-18);
        assertEquals(
                s.get("latency_s").getAsDouble(),
                row.get("latency_per_inference_s").getAsDouble(),
                1e-18);
        assertTrue(
                s.has("step_time_s") && s.getAsJsonObject("step_time_s").has("mean"), s.toString());
        assertTrue(s.getAsJsonArray("energy_per_core").get(0).getAsJsonObject().has("busy_s"));
    }

    @Test
    void aCompiledNetworkRunsOnlyOnItsOwnProfileAndSaysSo() throws IOException {
        Path model = dir.resolve("net.sft"), chip = dir.resolve("net.sfc");
        ArtifactFiles.write(model, SimulatePerChannelTest.net());
        assertEquals(
                0,
                CliRunner.run(
                                "compile",
                                model.toString(),
                                "--target",
                                "generic",
                                "--validate",
                                "0",
                                "--out",
                                chip.toString())
                        .exitCode());
        CliRunner r =
                CliRunner.run(
                        "energy",
                        chip.toString(),
                        "--profiles",
                        "loihi1,generic",
                        "--input",
                        spikes().toString(),
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonArray rows = r.json().getAsJsonArray("profiles");
        assertFalse(rows.get(0).getAsJsonObject().get("fits").getAsBoolean());
        assertTrue(
                rows.get(0)
                        .getAsJsonObject()
                        .get("reason")
                        .getAsString()
                        .contains("fixed to profile 'generic'"));
        assertTrue(rows.get(1).getAsJsonObject().get("fits").getAsBoolean());
    }
}
