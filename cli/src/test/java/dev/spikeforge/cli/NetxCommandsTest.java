package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export-netx and import-netx as a user runs them: a trained model out to netx, back in, simulated
 * the same.
 */
class NetxCommandsTest {
    @TempDir Path dir;

    private static Tensor tensor(long seed, double range, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        int n = 1;
        for (int s : shape) {
            t.addShape(s);
            n *= s;
        }
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) t.addValues((float) ((r.nextDouble() * 2 - 1) * range));
        return t.build();
    }

    private Path model() throws Exception {
        FloatLifParams lif =
                FloatLifParams.newBuilder()
                        .setDu(0.25f)
                        .setDv(0.05f)
                        .setThreshold(1f)
                        .setReset(ResetMode.RESET_TO_ZERO)
                        .build();
        TrainedNetwork net =
                TrainedNetwork.newBuilder()
                        .setName("netx-cli")
                        .setInput(
                                InputSpec.newBuilder()
                                        .addShape(1)
                                        .addShape(4)
                                        .addShape(5)
                                        .setSteps(20)
                                        .setEncodingSeed(3)
                                        .setGain(1f))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("hidden")
                                        .setKind(LayerKind.DENSE_LIF)
                                        .setSize(12)
                                        .setWeights(tensor(1, 0.6, 12, 20))
                                        .setBias(tensor(2, 0.05, 12))
                                        .setNeuron(lif))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("readout")
                                        .setKind(LayerKind.READOUT)
                                        .setSize(3)
                                        .setWeights(tensor(3, 0.5, 3, 12))
                                        .setNeuron(lif))
                        .build();
        Path p = dir.resolve("model.sft");
        ArtifactFiles.write(p, net);
        return p;
    }

    @Test
    void aTrainedModelGoesOutToNetxAndComesBackRunningTheSame() throws Exception {
        Path net = dir.resolve("net.net"),
                chip = dir.resolve("chip.sfc"),
                back = dir.resolve("back.sfc");
        CliRunner out =
                CliRunner.run(
                        "export-netx",
                        model().toString(),
                        "--out",
                        net.toString(),
                        "--chip-out",
                        chip.toString(),
                        "--json");
        assertEquals(0, out.exitCode(), out.err());
        JsonObject j = out.json();
        assertTrue(j.get("compiled_from_model").getAsBoolean());
        assertEquals("loihi2", j.get("profile").getAsString());
        assertEquals(3, j.getAsJsonArray("layers").size());
        assertEquals(
                "input",
                j.getAsJsonArray("layers").get(0).getAsJsonObject().get("type").getAsString());
        JsonObject hidden = j.getAsJsonArray("layers").get(1).getAsJsonObject();
        assertEquals("dense", hidden.get("type").getAsString());
        assertEquals(20, hidden.get("in_features").getAsInt());
        assertTrue(out.out().contains("weight exponents 0..1"), out.out());

        CliRunner in =
                CliRunner.run("import-netx", net.toString(), "--out", back.toString(), "--json");
        assertEquals(0, in.exitCode(), in.err());
        assertTrue(in.json().get("from_record").getAsBoolean());
        CompiledNetwork a = ArtifactFiles.read(chip, ArtifactKind.COMPILED_NETWORK),
                b = ArtifactFiles.read(back, ArtifactKind.COMPILED_NETWORK);
        assertEquals(a.getLayersList(), b.getLayersList());
        assertEquals(a.getCoresList(), b.getCoresList());

        Path spikes = dir.resolve("in.csv");
        StringBuilder s = new StringBuilder("step,neuron\n");
        Random r = new Random(4);
        for (int t = 0; t < 20; t++)
            for (int i = 0; i < 20; i++)
                if (r.nextDouble() < 0.3) s.append(t).append(',').append(i).append('\n');
        Files.writeString(spikes, s.toString());
        for (Path p : new Path[] {chip, back}) {
            CliRunner sim =
                    CliRunner.run(
                            "simulate",
                            p.toString(),
                            "--input",
                            spikes.toString(),
                            "--steps",
                            "24",
                            "--record",
                            "spikes,voltage",
                            "--out",
                            dir.resolve(p.getFileName() + ".run").toString());
            assertEquals(0, sim.exitCode(), sim.err());
        }
        for (String f : new String[] {"spikes.csv", "voltage.csv"}) {
            String x = Files.readString(dir.resolve("chip.sfc.run").resolve(f)),
                    y = Files.readString(dir.resolve("back.sfc.run").resolve(f));
            assertEquals(x, y, f);
            assertTrue(x.lines().count() > 5, f + " has content");
        }
    }

    @Test
    void whatNetxCannotCarryIsRefusedWithTheLayerAndField() throws Exception {
        Path chip = dir.resolve("chip.sfc");
        assertEquals(
                0,
                CliRunner.run(
                                "export-netx",
                                model().toString(),
                                "--out",
                                dir.resolve("a.net").toString(),
                                "--chip-out",
                                chip.toString())
                        .exitCode());
        CompiledNetwork c = ArtifactFiles.read(chip, ArtifactKind.COMPILED_NETWORK);
        CompiledNetwork.Builder b = c.toBuilder();
        b.getLayersBuilder(0)
                .setNeuron(
                        c.getLayers(0).getNeuron().toBuilder()
                                .setReset(ResetMode.RESET_BY_SUBTRACTION));
        Path bad = dir.resolve("bad.sfc");
        ArtifactFiles.write(bad, b.build());
        CliRunner r =
                CliRunner.run(
                        "export-netx",
                        bad.toString(),
                        "--out",
                        dir.resolve("b.net").toString(),
                        "--json");
        assertEquals(1, r.exitCode());
        assertTrue(
                r.err()
                        .contains(
                                "network 'netx-cli' cannot be written as netx: layer 0 'hidden'"
                                        + " neuron.reset RESET_BY_SUBTRACTION"),
                r.err());
        assertFalse(Files.exists(dir.resolve("b.net")));
        CliRunner lava =
                CliRunner.run(
                        "import-netx",
                        "../testdata/netx/lava-dl/tiny.net",
                        "--out",
                        dir.resolve("tiny.sfc").toString(),
                        "--json");
        assertEquals(1, lava.exitCode());
        assertTrue(lava.err().contains("--skip-input-neurons"), lava.err());
        CliRunner ok =
                CliRunner.run(
                        "import-netx",
                        "../testdata/netx/lava-dl/tiny.net",
                        "--out",
                        dir.resolve("tiny.sfc").toString(),
                        "--skip-input-neurons",
                        "--json");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals(768, ok.json().get("input_size").getAsInt());
    }
}
