package dev.spikeforge.nir.convert;

import static dev.spikeforge.nir.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.nir.graph.*;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NirImporterTest {
    static final double DT = 1e-4;

    @TempDir Path dir;

    /** Input[2] → Affine → LIF[2] → Linear → LI[1] → Output, through a file. */
    static NirGraph mlp(NirNode hidden, NirNode readout) {
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(2)))
                .node("fc1", new Affine(matrix(2, 2, 0.5, -0.25, 1.5, 2.0), f32(0.125, -0.5)))
                .node("lif1", hidden)
                .node("fc2", new Linear(matrix(1, 2, 1.0, -1.0)))
                .node("li", readout)
                .node("output", new Output(NdArray.ints(1)))
                .chain("input", "fc1", "lif1", "fc2", "li", "output")
                .build();
    }

    static LIF lif(double tau, double r, double vLeak, double vth) {
        return new LIF(f64(tau, tau), f64(r, r), f64(vLeak, vLeak), f64(vth, vth), f64(0, 0));
    }

    TrainedNetwork importFile(NirGraph g) throws Exception {
        Path f = dir.resolve("net.nir");
        NirWriter.write(f, new NirDocument("1.0.6", g));
        return NirImporter.convert(NirReader.read(f), new NirImporter.Options(DT, "net", 50))
                .network();
    }

    @Test
    void lifMapsByEulerWithVoltageInUnitsOfRTimesDtOverTau() throws Exception {
        TrainedNetwork net =
                importFile(mlp(lif(5e-3, 2.0, 0.3, 1.0), new LI(f64(1e-2), f64(1), f64(0))));
        assertEquals(2, net.getLayersCount());
        TrainedLayer h = net.getLayers(0);
        assertEquals(LayerKind.DENSE_LIF, h.getKind());
        // dv = dt/tau = 0.02; s = R·dt/tau = 0.04; threshold = 1 / 0.04 = 25; bias = b + v_leak / R
        // = b + 0.15
        FloatLifParams p = h.getNeuron();
        assertEquals(1f, p.getDu());
        assertEquals((float) (1e-4 / 5e-3), p.getDv());
        assertEquals((float) (1.0 / (2.0 * (1e-4 / 5e-3))), p.getThreshold());
        assertEquals(
                List.of(0.5f, -0.25f, 1.5f, 2.0f),
                h.getWeights().getValuesList(),
                "weights carry over unchanged");
        assertEquals(
                List.of((float) (0.125 + 0.15), (float) (-0.5 + 0.15)),
                h.getBias().getValuesList());
        TrainedLayer r = net.getLayers(1);
        assertEquals(LayerKind.READOUT, r.getKind());
        assertEquals(0.01f, r.getNeuron().getDv());
        assertEquals(ScoreMode.SCORE_FINAL_POTENTIAL, net.getScore());
        assertEquals(List.of(2), net.getInput().getShapeList());
    }

    @Test
    void cubaLifMapsSynapticDecayToDu() throws Exception {
        NirNode cuba =
                new CubaLIF(
                        f64(2e-3, 2e-3),
                        f64(5e-3, 5e-3),
                        f64(1, 1),
                        f64(0.1, 0.2),
                        f64(0.5, 0.5),
                        f64(0, 0),
                        f64(4, 4));
        NirGraph g =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(2)))
                        .node("fc", new Linear(matrix(2, 2, 1, 0, 0, 1)))
                        .node("cuba", cuba)
                        .node("output", new Output(NdArray.ints(2)))
                        .chain("input", "fc", "cuba", "output")
                        .build();
        TrainedLayer l = importFile(g).getLayers(0);
        double hs = 1e-4 / 2e-3, hm = 1e-4 / 5e-3, s = 1 * 4 * hs * hm;
        assertEquals((float) hs, l.getNeuron().getDu());
        assertEquals((float) hm, l.getNeuron().getDv());
        assertEquals((float) (0.5 / s), l.getNeuron().getThreshold());
        // v_leak enters v: bias = v_leak / (R·w_in·h_syn)
        assertEquals(
                List.of((float) (0.1 / (4 * hs)), (float) (0.2 / (4 * hs))),
                l.getBias().getValuesList());
    }

    /**
     * snnTorch's recurrent export: a nested graph with its own input/output and a Linear loop on
     * the neuron.
     */
    @Test
    void nestedRecurrentGraphBecomesRecurrentLif() throws Exception {
        NirGraph rnn =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(3)))
                        .node(
                                "lif",
                                new LIF(
                                        f32(0.01, 0.01, 0.01),
                                        f32(1, 1, 1),
                                        f32(0, 0, 0),
                                        f32(1, 1, 1),
                                        f32(0, 0, 0)))
                        .node(
                                "w_rec",
                                new Affine(matrix(3, 3, 0, 1, 0, 0, 0, 1, 1, 0, 0), f32(0.5, 0, 0)))
                        .node("output", new Output(NdArray.ints(3)))
                        .chain("input", "lif", "output")
                        .edge("lif", "w_rec")
                        .edge("w_rec", "lif")
                        .build();
        NirGraph g =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(2)))
                        .node(
                                "fc",
                                new Affine(matrix(3, 2, 1, 2, 3, 4, 5, 6), f32(0.25, 0.25, 0.25)))
                        .node("rlif", rnn)
                        .node("output", new Output(NdArray.ints(3)))
                        .chain("input", "fc", "rlif.input")
                        .edge("rlif.output", "output")
                        .build();
        TrainedNetwork net = importFile(g);
        TrainedLayer l = net.getLayers(0);
        assertEquals(LayerKind.RECURRENT_LIF, l.getKind());
        assertEquals("rlif.lif", l.getName());
        assertEquals(List.of(3, 3), l.getRecurrentWeights().getShapeList());
        assertEquals(
                List.of(0f, 1f, 0f, 0f, 0f, 1f, 1f, 0f, 0f),
                l.getRecurrentWeights().getValuesList());
        assertEquals(
                List.of(0.75f, 0.25f, 0.25f),
                l.getBias().getValuesList(),
                "feed-forward plus recurrent bias");
        assertEquals(ScoreMode.SCORE_SPIKE_COUNT, net.getScore());
        // the nested graph may also be named whole: its single Input / Output are meant
        NirGraph byName =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(2)))
                        .node(
                                "fc",
                                new Affine(matrix(3, 2, 1, 2, 3, 4, 5, 6), f32(0.25, 0.25, 0.25)))
                        .node("rlif", rnn)
                        .node("output", new Output(NdArray.ints(3)))
                        .chain("input", "fc", "rlif", "output")
                        .build();
        assertEquals(net.getLayersList(), importFile(byName).getLayersList());
    }

    @Test
    void oneStepDelayNodesAreTheSynapticDelayOthersAreNamedErrors() {
        NirGraph.Builder b =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("fc", new Linear(matrix(1, 1, 1)))
                        .node("d", new Delay(NdArray.vector(DType.FLOAT32, (float) DT)))
                        .node("lif", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "d", "lif", "output");
        NirImporter.Result withDelay =
                NirImporter.convert(
                        new NirDocument("1", b.build()), new NirImporter.Options(DT, "n", 10));
        assertEquals(0, withDelay.shiftSteps());
        assertTrue(withDelay.notes().isEmpty());

        NirGraph plain =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("fc", new Linear(matrix(1, 1, 1)))
                        .node("lif", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "lif", "output")
                        .build();
        NirImporter.Result noDelay =
                NirImporter.convert(
                        new NirDocument("1", plain), new NirImporter.Options(DT, "n", 10));
        assertEquals(1, noDelay.shiftSteps());
        assertTrue(
                noDelay.notes().get(0).contains("lags the graph by 1 step"),
                noDelay.notes().toString());
        assertEquals(
                withDelay.network().getLayersList(),
                noDelay.network().getLayersList(),
                "same layers; only the stated timing differs");

        NirGraph twoSteps =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("fc", new Linear(matrix(1, 1, 1)))
                        .node("d", new Delay(f64(2 * DT)))
                        .node("lif", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "d", "lif", "output")
                        .build();
        assertError(twoSteps, "node 'lif' (LIF)", "delayed by 2 steps");
        NirGraph fraction =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("fc", new Linear(matrix(1, 1, 1)))
                        .node("d", new Delay(f64(1.5 * DT)))
                        .node("lif", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "d", "lif", "output")
                        .build();
        assertError(fraction, "node 'd' (Delay)", "not a whole number of steps");
    }

    static LIF lif1() {
        return new LIF(f64(1e-2), f64(1), f64(0), f64(1), f64(0));
    }

    /** Input[1] → X → Output for a node X that has no Spikeforge layer. */
    static NirGraph around(String name, NirNode n, int width) {
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(width)))
                .node(name, n)
                .node("fc", new Linear(matrix(1, width, new double[width])))
                .node("lif", lif1())
                .node("output", new Output(NdArray.ints(1)))
                .chain("input", name, "fc", "lif", "output")
                .build();
    }

    @Test
    void everyUnsupportedCaseIsANamedError() {
        NdArray k = new NdArray(DType.FLOAT32, new int[] {1, 1, 3, 3}, new double[9]);
        assertError(
                around(
                        "conv",
                        new Conv2d(
                                k,
                                f32(0),
                                NdArray.ints(1, 1),
                                NdArray.ints(1, 1),
                                NdArray.ints(1, 1),
                                NdArray.scalar(DType.INT64, 1),
                                NdArray.ints(5, 5)),
                        1),
                "node 'conv' (Conv2d)",
                "not a [C, H, W] map");
        assertError(
                around(
                        "conv1",
                        new Conv1d(
                                new NdArray(DType.FLOAT32, new int[] {1, 1, 3}, new double[3]),
                                f32(0),
                                NdArray.scalar(DType.INT64, 1),
                                new Text("same"),
                                NdArray.scalar(DType.INT64, 1),
                                NdArray.scalar(DType.INT64, 1),
                                null),
                        1),
                "node 'conv1' (Conv1d)",
                "1-d convolutions are not imported");
        assertError(
                around(
                        "pool",
                        new SumPool2d(NdArray.ints(2, 2), NdArray.ints(2, 2), NdArray.ints(0, 0)),
                        1),
                "node 'pool' (SumPool2d)",
                "only right after a conv layer's neurons");
        assertError(
                around(
                        "avg",
                        new AvgPool2d(NdArray.ints(2, 2), NdArray.ints(2, 2), NdArray.ints(0, 0)),
                        1),
                "node 'avg' (AvgPool2d)",
                "pooling");
        assertError(around("gain", new Scale(f32(2)), 1), "node 'gain' (Scale)", "fold the scale");
        assertError(around("th", new Threshold(f32(1)), 1), "node 'th' (Threshold)", "no membrane");
        assertError(
                mlp(
                        new LIF(f64(1e-2, 1e-2), f64(1, 1), f64(0, 0), f64(1, 1), f64(0.2, 0.2)),
                        new LI(f64(1e-2), f64(1), f64(0))),
                "node 'lif1' (LIF)",
                "v_reset = 0.2");
        assertError(
                mlp(
                        new LIF(f64(1e-2, 2e-2), f64(1, 1), f64(0, 0), f64(1, 1), f64(0, 0)),
                        new LI(f64(1e-2), f64(1), f64(0))),
                "node 'lif1' (LIF)",
                "parameter 'tau' varies across neurons");
        assertError(
                mlp(
                        new LIF(f64(5e-5, 5e-5), f64(1, 1), f64(0, 0), f64(1, 1), f64(0, 0)),
                        new LI(f64(1e-2), f64(1), f64(0))),
                "node 'lif1' (LIF)",
                "exceeds tau");
        assertError(
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("lif", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "lif", "output")
                        .build(),
                "node 'lif' (LIF)",
                "needs a weight node");
        // a branch: the neuron feeds two synapses
        NirGraph branch =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("fc", new Linear(matrix(1, 1, 1)))
                        .node("lif", lif1())
                        .node("a", new Linear(matrix(1, 1, 1)))
                        .node("b", new Linear(matrix(1, 1, 1)))
                        .node("out", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "lif", "a", "out", "output")
                        .edge("lif", "b")
                        .edge("b", "out")
                        .build();
        assertError(branch, "node 'lif' (LIF)", "sends to 2 nodes");
        // a node off the chain is not dropped
        NirGraph dangling =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("fc", new Linear(matrix(1, 1, 1)))
                        .node("lif", lif1())
                        .node("spare", new Scale(f32(3)))
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "lif", "output")
                        .edge("spare", "spare")
                        .build();
        assertError(dangling, "node 'spare' (Scale)", "not on the chain");
        // the weight does not fit what it receives
        NirGraph shape =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(3)))
                        .node("fc", new Linear(matrix(1, 2, 1, 1)))
                        .node("lif", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "lif", "output")
                        .build();
        assertError(shape, "node 'fc' (Linear)", "has 2 inputs but receives 3");
        // a readout in the middle
        assertError(
                mlp(
                        new LI(f64(1e-2, 1e-2), f64(1, 1), f64(0, 0)),
                        new LI(f64(1e-2), f64(1), f64(0))),
                "node 'lif1' (LI)",
                "must be the last layer");
        NirGraph twoInputs =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1)))
                        .node("input2", new Input(NdArray.ints(1)))
                        .node("fc", new Linear(matrix(1, 1, 1)))
                        .node("lif", lif1())
                        .node("output", new Output(NdArray.ints(1)))
                        .chain("input", "fc", "lif", "output")
                        .edge("input2", "fc")
                        .build();
        assertError(twoInputs, "2 Input nodes", "exactly one input");
    }

    static void assertError(NirGraph g, String node, String what) {
        NirFormatException e =
                assertThrows(
                        NirFormatException.class,
                        () ->
                                NirImporter.convert(
                                        new NirDocument("1", g),
                                        new NirImporter.Options(DT, "n", 10)));
        assertTrue(
                e.getMessage().contains(node) && e.getMessage().contains(what),
                "message: " + e.getMessage());
    }
}
