package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `simulate --record --out` writes what it says, and `bench sim` reports the figures the docs
 * quote, at a tiny size.
 */
class SimulateRecordAndBenchTest {
    @TempDir Path dir;

    private Path oneNeuron() throws IOException {
        String doc = Files.readString(Path.of("../docs/compiled-network.md"));
        int start = doc.indexOf("```json") + "```json".length();
        Path f = dir.resolve("one.json");
        Files.writeString(f, doc.substring(start, doc.indexOf("```", start)));
        return f;
    }

    @Test
    void recordsVoltageAndWritesFilesAndPlots() throws IOException {
        Path spikes = dir.resolve("in.csv");
        StringBuilder sb = new StringBuilder("step,neuron\n");
        for (int t = 0; t < 7; t++) sb.append(t).append(",0\n");
        Files.writeString(spikes, sb.toString());
        Path out = dir.resolve("out");
        CliRunner r =
                CliRunner.run(
                        "simulate",
                        oneNeuron().toString(),
                        "--input",
                        spikes.toString(),
                        "--steps",
                        "7",
                        "--record",
                        "spikes,voltage,activity",
                        "--out",
                        out.toString(),
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals("[[3,0],[6,0]]", j.getAsJsonArray("output_spikes").toString());
        assertEquals(2, j.get("spike_count").getAsLong());
        assertEquals(7, j.get("synaptic_ops").getAsLong());
        assertEquals(1, j.getAsJsonArray("energy_per_layer").size());
        assertEquals(1, j.getAsJsonObject("ann").get("macs_per_inference").getAsLong());
        assertEquals(
                List.of("step,n[0]", "0,0", "1,640", "2,1280", "3,0", "4,640", "5,1280", "6,0"),
                Files.readAllLines(out.resolve("voltage.csv")));
        assertEquals(
                List.of("step,neuron", "3,0", "6,0"),
                Files.readAllLines(out.resolve("output_spikes.csv")));
        // per step: 1 synaptic op and 1 message (delivered the step it was sent), 1 neuron update
        // from step 1, spikes on
        // steps 3 and 6; the profile has only an energy block (a paced chip with no step length):
        // steps take 0 s
        List<String> act = Files.readAllLines(out.resolve("activity.csv"));
        assertEquals(
                "step,synaptic_ops,spikes,neuron_updates,hops,messages,active_cores,step_time_s",
                act.get(0));
        assertEquals("0,1,0,0,0,1,1,0.0", act.get(1));
        assertEquals("3,1,1,1,0,1,1,0.0", act.get(4));
        assertEquals(8, act.size());
        for (String png : new String[] {"raster.png", "voltage.png", "energy.png"})
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        assertEquals(
                j,
                com.google.gson.JsonParser.parseString(
                        Files.readString(out.resolve("summary.json"))),
                "summary.json is the JSON line");
        CliRunner bad =
                CliRunner.run(
                        "simulate",
                        oneNeuron().toString(),
                        "--input",
                        spikes.toString(),
                        "--record",
                        "volts");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("cannot record 'volts'"), bad.err());
    }

    @Test
    void benchSimReportsEventsPerSecondAndSynapseMemory() {
        CliRunner r =
                CliRunner.run(
                        "bench",
                        "sim",
                        "--n-in",
                        "400",
                        "--n-out",
                        "2000",
                        "--fanout",
                        "50",
                        "--activity",
                        "0.05",
                        "--steps",
                        "20",
                        "--warmup",
                        "5",
                        "--kernel",
                        "sparse_indexed",
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals(400 * 50, j.get("synapses").getAsLong());
        assertEquals(j.get("input_spikes").getAsLong() * 50, j.get("events").getAsLong());
        assertTrue(j.get("events_per_s").getAsDouble() > 0);
        assertEquals(
                (3.0 * 20000 + 4 * 401) / 20000, j.get("bytes_per_synapse").getAsDouble(), 1e-12);
    }
}
