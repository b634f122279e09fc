package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.DType;
import dev.spikeforge.nir.graph.IF;
import dev.spikeforge.nir.graph.Input;
import dev.spikeforge.nir.graph.LI;
import dev.spikeforge.nir.graph.LIF;
import dev.spikeforge.nir.graph.Linear;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.Output;
import dev.spikeforge.nir.graph.Scale;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import-nir, export-nir and simulate --trace as a user runs them, on NIR files the test writes.
 */
class NirCommandsTest {
    static final double DT = 1e-3;

    @TempDir Path dir;

    static NdArray f64(double... v) {
        return NdArray.vector(DType.FLOAT64, v);
    }

    /** Input[2] → Affine → LIF[2] (tau 10 ms, R 2) → Linear → LI[1] → Output. */
    static NirGraph mlp() {
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(2)))
                .node(
                        "fc1",
                        new Affine(
                                NdArray.matrix(
                                        DType.FLOAT32, 2, 2, new double[] {0.5, -0.25, 1.5, 2.0}),
                                NdArray.vector(DType.FLOAT32, 0.125, -0.5)))
                .node(
                        "lif1",
                        new LIF(f64(0.01, 0.01), f64(2, 2), f64(0, 0), f64(0.4, 0.4), f64(0, 0)))
                .node(
                        "fc2",
                        new Linear(NdArray.matrix(DType.FLOAT32, 1, 2, new double[] {1.0, -1.0})))
                .node("li", new LI(f64(0.02), f64(1), f64(0)))
                .node("output", new Output(NdArray.ints(1)))
                .chain("input", "fc1", "lif1", "fc2", "li", "output")
                .build();
    }

    Path write(String name, NirGraph g) throws Exception {
        Path f = dir.resolve(name);
        NirWriter.write(f, new NirDocument("1.0.6", g));
        return f;
    }

    @Test
    void importNirPrintsTheLayersAndWritesAnArtifactThatCompilesAndSimulates() throws Exception {
        Path nir = write("mlp.nir", mlp()),
                sft = dir.resolve("mlp.sft"),
                sfc = dir.resolve("mlp.sfc");
        CliRunner r =
                CliRunner.run(
                        "import-nir",
                        nir.toString(),
                        "--dt",
                        "1e-3",
                        "--steps",
                        "30",
                        "--out",
                        sft.toString(),
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals(nir.toString(), j.get("input").getAsString());
        assertEquals(sft.toString(), j.get("output").getAsString());
        assertEquals("1.0.6", j.get("nir_version").getAsString());
        assertEquals(DT, j.get("dt").getAsDouble());
        assertEquals("SCORE_FINAL_POTENTIAL", j.get("score").getAsString());
        assertEquals(
                2,
                j.get("shift_steps").getAsInt(),
                "two layers without Delay nodes lag the graph by two steps");
        assertTrue(
                j.getAsJsonArray("notes")
                        .get(0)
                        .getAsString()
                        .contains("lags the graph by 2 step(s)"));
        JsonArray layers = j.getAsJsonArray("layers");
        assertEquals(2, layers.size());
        JsonObject h = layers.get(0).getAsJsonObject();
        assertEquals("lif1", h.get("name").getAsString());
        assertEquals("DENSE_LIF", h.get("kind").getAsString());
        assertEquals(2, h.get("size").getAsInt());
        assertEquals(2, h.get("fan_in").getAsInt());
        assertEquals(1.0, h.get("du").getAsDouble());
        // dv = dt/tau = 0.1; s = R·dt/tau = 0.2; threshold = 0.4 / 0.2 = 2
        assertEquals(0.1f, h.get("dv").getAsFloat());
        assertEquals(2f, h.get("threshold").getAsFloat(), 1e-6f);
        assertEquals(
                List.of("fc1", "lif1"),
                List.of(
                        h.getAsJsonArray("nir_nodes").get(0).getAsString(),
                        h.getAsJsonArray("nir_nodes").get(1).getAsString()));
        JsonObject out = layers.get(1).getAsJsonObject();
        assertEquals("READOUT", out.get("kind").getAsString());
        assertEquals(0.05f, out.get("dv").getAsFloat(), "dt / 20 ms");

        TrainedNetwork net = ArtifactFiles.read(sft, ArtifactKind.TRAINED_NETWORK);
        assertEquals(30, net.getInput().getSteps());
        CliRunner c =
                CliRunner.run(
                        "compile",
                        sft.toString(),
                        "--target",
                        "loihi1",
                        "--validate",
                        "0",
                        "--out",
                        sfc.toString(),
                        "--json");
        assertEquals(0, c.exitCode(), c.out() + c.err());
        Path spikes = dir.resolve("in.csv");
        Files.writeString(spikes, "step,neuron\n0,0\n0,1\n1,1\n2,0\n3,0\n3,1\n");
        CliRunner s =
                CliRunner.run(
                        "simulate",
                        sfc.toString(),
                        "--input",
                        spikes.toString(),
                        "--steps",
                        "30",
                        "--json");
        assertEquals(0, s.exitCode(), s.out() + s.err());
        assertEquals(30, s.json().get("steps").getAsInt());
    }

    /**
     * The NIR paper's files (testdata/nir/paper): the fidelity table, the reset the version
     * implies, a refusal with its table.
     */
    @Test
    void importNirReportsFidelityPerNodeAndTheResetTheVersionMeans() throws Exception {
        Path paper = Path.of("..", "testdata", "nir", "paper");
        CliRunner b =
                CliRunner.run(
                        "import-nir",
                        paper.resolve("braille_noDelay_bias_zero.nir").toString(),
                        "--dt",
                        "1e-4",
                        "--steps",
                        "256",
                        "--out",
                        dir.resolve("braille.sft").toString(),
                        "--report",
                        "--json");
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("fidelity (Spikeforge's form of each NIR node):"), b.out());
        JsonObject j = b.json();
        assertTrue(
                j.get("reset")
                        .getAsString()
                        .contains("NIR 0.2.0 has no v_reset and resets by v − v_threshold"),
                j.toString());
        JsonArray rows = j.getAsJsonArray("fidelity");
        assertEquals(7, rows.size());
        for (var e : rows) {
            JsonObject row = e.getAsJsonObject();
            String node = row.get("node").getAsString();
            assertEquals(
                    node.equals("lif1.lif") || node.equals("lif2") ? "APPROXIMATE" : "EXACT",
                    row.get("status").getAsString(),
                    row.toString());
        }
        CliRunner c =
                CliRunner.run(
                        "import-nir",
                        paper.resolve("cnn_sinabs.nir").toString(),
                        "--dt",
                        "1",
                        "--out",
                        dir.resolve("cnn.sft").toString(),
                        "--report");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(
                c.out().contains("padding 1, stride 2") && !c.out().contains("REFUSED"), c.out());

        // a residual sum whose sources lag the graph unequally: refused with the file, the node and
        // what to do
        List<dev.spikeforge.nir.graph.Edge> edges = new java.util.ArrayList<>(mlp().edges());
        edges.add(new dev.spikeforge.nir.graph.Edge("input", "fc2"));
        NirGraph skip = new NirGraph(mlp().nodes(), edges);
        CliRunner r =
                CliRunner.run(
                        "import-nir",
                        write("skip.nir", skip).toString(),
                        "--dt",
                        "1e-3",
                        "--out",
                        dir.resolve("skip.sft").toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.out().contains("REFUSED"), r.out());
        assertTrue(
                r.err()
                        .contains(
                                "skip.nir: node 'fc2' (Linear): adds the output of 'input' to that"
                                        + " of 'lif1' on the same step"),
                r.err());
        assertTrue(r.err().contains("one-step Delay node after its synapse"), r.err());
    }

    @Test
    void exportNirThenImportNirRoundTripsThroughTheCommandLine() throws Exception {
        Path nir = write("mlp.nir", mlp()), sft = dir.resolve("mlp.sft");
        assertEquals(
                0,
                CliRunner.run("import-nir", nir.toString(), "--dt", "1e-3", "--out", sft.toString())
                        .exitCode());

        // NIR → Spikeforge → NIR: the file's graph comes back parameter for parameter
        Path back = dir.resolve("back.nir");
        CliRunner e =
                CliRunner.run("export-nir", sft.toString(), "--out", back.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        JsonObject j = e.json();
        assertTrue(j.get("from_import_record").getAsBoolean());
        assertEquals(DT, j.get("dt").getAsDouble());
        assertEquals(5, j.get("edges").getAsInt());
        assertEquals(NirReader.read(nir), NirReader.read(back));

        // Spikeforge → NIR → Spikeforge from the parameters (Delay nodes force that path): the same
        // layers
        Path delayed = dir.resolve("delayed.nir"), again = dir.resolve("again.sft");
        CliRunner d =
                CliRunner.run(
                        "export-nir",
                        sft.toString(),
                        "--out",
                        delayed.toString(),
                        "--delay-nodes",
                        "--json");
        assertEquals(0, d.exitCode(), d.err());
        assertFalse(d.json().get("from_import_record").getAsBoolean());
        long delays =
                d.json().getAsJsonArray("nodes").asList().stream()
                        .filter(n -> n.getAsJsonObject().get("type").getAsString().equals("Delay"))
                        .count();
        assertEquals(2, delays, "one Delay per layer");
        CliRunner i =
                CliRunner.run(
                        "import-nir",
                        delayed.toString(),
                        "--dt",
                        "1e-3",
                        "--out",
                        again.toString(),
                        "--json");
        assertEquals(0, i.exitCode(), i.err());
        assertEquals(
                0,
                i.json().get("shift_steps").getAsInt(),
                "Delay nodes are the synaptic delay: exact timing");
        TrainedNetwork a = ArtifactFiles.read(sft, ArtifactKind.TRAINED_NETWORK),
                b = ArtifactFiles.read(again, ArtifactKind.TRAINED_NETWORK);
        assertEquals(a.getLayersList(), b.getLayersList());
        assertEquals(a.getScore(), b.getScore());
    }

    /**
     * One IF neuron, weight 0.5, threshold 1.2 (v_threshold 1.2 ms at R = 1, dt = 1 ms), input
     * spikes on steps 0, 1, 2 and 5. Each spike arrives one step later, so v = 0, 0.5, 1.0, 1.5 →
     * spike and reset to 0, 0, 0, 0.5, 0.5, ...
     */
    @Test
    void simulateTraceWritesOneRowPerStepWithTheHandComputedVoltage() throws Exception {
        NirGraph g =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node(
                                "w",
                                new Linear(NdArray.matrix(DType.FLOAT32, 1, 1, new double[] {0.5})))
                        .node("n", new IF(f64(1), f64(1.2e-3), f64(0)))
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "w", "n", "output")
                        .build();
        Path nir = write("one.nir", g), sft = dir.resolve("one.sft"), sfc = dir.resolve("one.sfc");
        assertEquals(
                0,
                CliRunner.run(
                                "import-nir",
                                nir.toString(),
                                "--dt",
                                "1e-3",
                                "--steps",
                                "10",
                                "--out",
                                sft.toString())
                        .exitCode());
        CliRunner c =
                CliRunner.run(
                        "compile", sft.toString(), "--validate", "0", "--out", sfc.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());
        Path spikes = dir.resolve("in.csv"), trace = dir.resolve("trace.csv");
        Files.writeString(spikes, "0,0\n1,0\n2,0\n5,0\n");
        CliRunner s =
                CliRunner.run(
                        "simulate",
                        sfc.toString(),
                        "--input",
                        spikes.toString(),
                        "--steps",
                        "10",
                        "--trace",
                        trace.toString(),
                        "--trace-neuron",
                        "n:0",
                        "--dt",
                        "1e-3",
                        "--json");
        assertEquals(0, s.exitCode(), s.out() + s.err());
        Path png = dir.resolve("trace.png");
        assertEquals(
                List.of(trace.toString(), png.toString()),
                s.json().getAsJsonArray("trace_files").asList().stream()
                        .map(x -> x.getAsString())
                        .toList());

        List<String> rows = Files.readAllLines(trace);
        assertEquals("time,input,voltage,spike", rows.get(0));
        assertEquals(11, rows.size(), "header + one row per step");
        int[] input = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
        double[] v = {0, 0.5, 1.0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5};
        int[] spike = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
        for (int t = 0; t < 10; t++) {
            String[] f = rows.get(t + 1).split(",");
            assertEquals(t * 1e-3, Double.parseDouble(f[0]), 1e-12, "time of step " + t);
            assertEquals(input[t], Integer.parseInt(f[1]), "input spikes sent on step " + t);
            assertEquals(v[t], Double.parseDouble(f[2]), 1e-6, "voltage after step " + t);
            assertEquals(spike[t], Integer.parseInt(f[3]), "spike on step " + t);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "a readable PNG");
        assertEquals(900, img.getWidth());
    }

    @Test
    void badFilesAreErrorsNamingTheFileOrNode() throws Exception {
        Path text = dir.resolve("notes.nir");
        Files.writeString(text, "this is not HDF5\n");
        assertFails(text, "not a readable HDF5 file");

        Path noNode = dir.resolve("no-node.nir");
        try (WritableHdfFile h = HdfFile.write(noNode)) {
            h.putDataset("version", "1.0.6");
        }
        assertFails(noNode, "no 'node' group at the root");

        NirGraph scaled =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("gain", new Scale(f64(2)))
                        .node(
                                "w",
                                new Linear(NdArray.matrix(DType.FLOAT32, 1, 1, new double[] {1})))
                        .node("n", new IF(f64(1), f64(1e-3), f64(0)))
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "gain", "w", "n", "output")
                        .build();
        assertFails(write("scaled.nir", scaled), "node 'gain' (Scale)");
        assertFalse(Files.exists(dir.resolve("out.sft")), "nothing is written on error");
    }

    void assertFails(Path file, String why) {
        CliRunner r =
                CliRunner.run(
                        "import-nir",
                        file.toString(),
                        "--dt",
                        "1e-3",
                        "--out",
                        dir.resolve("out.sft").toString(),
                        "--json");
        assertEquals(1, r.exitCode());
        assertTrue(
                r.err().contains("spikeforge import-nir: error: " + file) && r.err().contains(why),
                r.err());
        String error = r.json().get("error").getAsString();
        assertTrue(error.startsWith(file.toString()) && error.contains(why), error);
    }
}
