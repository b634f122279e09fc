package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.spikeforge.proto.*;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled network's JSON form, as users write it by hand, runs exactly like what the compiler
 * wrote.
 */
class CompiledJsonRoundTripTest {
    @TempDir Path dir;

    private static TrainedNetwork randomTrained(long seed) {
        Random r = new Random(seed);
        int in = 20, hidden = 12, out = 4;
        Tensor.Builder w1 = Tensor.newBuilder().addShape(hidden).addShape(in);
        for (int i = 0; i < hidden * in; i++) w1.addValues((float) (r.nextGaussian() * 0.4 + 0.05));
        Tensor.Builder w2 = Tensor.newBuilder().addShape(out).addShape(hidden);
        for (int i = 0; i < out * hidden; i++) w2.addValues((float) (r.nextGaussian() * 0.5));
        return TrainedNetwork.newBuilder()
                .setName("cli-test")
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(in)
                                .setEncoding(Encoding.RATE)
                                .setSteps(30)
                                .setGain(1f)
                                .setEncodingSeed(5))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("hidden")
                                .setKind(LayerKind.DENSE_LIF)
                                .setSize(hidden)
                                .setWeights(w1)
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1f)
                                                .setDv(410 / 4096f)
                                                .setThreshold(1f)))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("readout")
                                .setKind(LayerKind.READOUT)
                                .setSize(out)
                                .setWeights(w2)
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1f)
                                                .setDv(0f)
                                                .setThreshold(1f)))
                .build();
    }

    private Path spikeFile(int inputs, int steps, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("step,neuron\n");
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < inputs; i++)
                if (r.nextDouble() < 0.4) sb.append(t).append(',').append(i).append('\n');
        Path f = dir.resolve("spikes.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void compiledNetworkThroughJsonSimulatesIdentically() throws IOException {
        Path model = dir.resolve("net.sft");
        ArtifactFiles.write(model, randomTrained(3));
        Path chip = dir.resolve("net.sfc");
        CliRunner compile =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        "loihi1",
                        "--out",
                        chip.toString(),
                        "--json");
        assertEquals(0, compile.exitCode(), compile.err());
        assertEquals(
                2,
                compile.json().get("cores").getAsInt(),
                "one core per layer: both fit a loihi1 core");

        Path json = dir.resolve("net.json");
        assertEquals(
                0, CliRunner.run("inspect", chip.toString(), "--out", json.toString()).exitCode());
        Path back = dir.resolve("back.sfc");
        CliRunner convert =
                CliRunner.run("convert", json.toString(), "--out", back.toString(), "--json");
        assertEquals(0, convert.exitCode(), convert.err());
        assertEquals("compiled_network", convert.json().get("kind").getAsString());
        assertEquals(ArtifactFiles.readAny(chip), ArtifactFiles.readAny(back));

        Path spikes = spikeFile(20, 30, 9);
        JsonObject a =
                CliRunner.run("simulate", chip.toString(), "--input", spikes.toString(), "--json")
                        .json();
        JsonObject b =
                CliRunner.run("simulate", back.toString(), "--input", spikes.toString(), "--json")
                        .json();
        JsonObject c =
                CliRunner.run("simulate", json.toString(), "--input", spikes.toString(), "--json")
                        .json();
        assertTrue(a.get("synaptic_ops").getAsLong() > 1000, "the run must do real work: " + a);
        assertTrue(a.get("spike_count").getAsLong() > 10, "hidden neurons must spike: " + a);
        for (String k :
                new String[] {
                    "readout",
                    "output_spikes",
                    "spike_count",
                    "synaptic_ops",
                    "neuron_updates",
                    "energy_j"
                }) {
            assertEquals(a.get(k), b.get(k), k);
            assertEquals(a.get(k), c.get(k), k);
        }
    }

    @Test
    void theDocumentedHandWrittenNetworkSpikesWhereTheDocsSay() throws IOException {
        String doc = Files.readString(Path.of("../docs/compiled-network.md"));
        int start = doc.indexOf("```json") + "```json".length();
        String json = doc.substring(start, doc.indexOf("```", start));
        Path hand = dir.resolve("one.json");
        Files.writeString(hand, json);
        Path spikes = dir.resolve("in.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < 7; t++) sb.append("{\"step\": ").append(t).append(", \"neuron\": 0}\n");
        Files.writeString(spikes, sb.toString());
        CliRunner sim =
                CliRunner.run("simulate", hand.toString(), "--input", spikes.toString(), "--json");
        assertEquals(0, sim.exitCode(), sim.err());
        JsonArray out = sim.json().getAsJsonArray("output_spikes");
        assertEquals("[[3,0],[6,0]]", out.toString());
        // 7 input spikes × 1 synapse, two spikes × 1.7 pJ, 7 × 23.6 pJ (one delivered after the
        // last step is still counted)
        assertEquals(7 * 2.36e-11 + 2 * 1.7e-12, sim.json().get("energy_j").getAsDouble(), 1e-20);
    }

    @Test
    void errorsNameTheFileAndEndWithAJsonErrorLine() throws IOException {
        Path model = dir.resolve("net.sft");
        ArtifactFiles.write(model, randomTrained(1));
        byte[] b = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(b, b.length / 2));
        CliRunner r =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--out",
                        dir.resolve("x.sfc").toString(),
                        "--json");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(model.toString()) && r.err().contains("truncated"), r.err());
        assertTrue(r.json().get("error").getAsString().contains("truncated"));
        assertFalse(Files.exists(dir.resolve("x.sfc")), "nothing written on failure");

        Path spikes = dir.resolve("bad.csv");
        Files.writeString(spikes, "0,1\n2,99\n");
        Path chip = dir.resolve("ok.sfc");
        ArtifactFiles.write(model, randomTrained(1));
        assertEquals(
                0, CliRunner.run("compile", model.toString(), "--out", chip.toString()).exitCode());
        CliRunner bad = CliRunner.run("simulate", chip.toString(), "--input", spikes.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("bad.csv:2") && bad.err().contains("neuron 99"), bad.err());
    }
}
