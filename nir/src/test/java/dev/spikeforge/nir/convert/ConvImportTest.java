package dev.spikeforge.nir.convert;

import static dev.spikeforge.nir.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.nir.graph.*;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.nir.paper.H5pyCheck;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.Provenance;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.trainer.FloatEvaluation;
import dev.spikeforge.trainer.FloatEvaluator;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conv graphs: Input[1, 6, 6] → Conv2d(2 channels, 3x3, padding 1) → IF → SumPool2d(2) → Flatten →
 * Linear[3, 18] → I → Output. Weights and biases are multiples of 1/64 (the largest 127/64) and the
 * IF threshold is one unit, so the float network, the compiled one and a direct evaluation of the
 * graph agree exactly.
 */
class ConvImportTest {
    static final double DT = 1e-3;
    static final int H = 6, W = 6, O = 2, K = 3, CLASSES = 3, STEPS = 20;
    static final double[] KERNEL = sixtyFourths(O * K * K, 60, 3),
            READOUT = sixtyFourths(CLASSES * O * 9, 100, 4);
    static final double[] BIAS = {1 / 64.0, -2 / 64.0};

    @TempDir Path dir;

    /** Multiples of 1/64, the first 127/64 so that the compiler's max-rule scale is exactly 64. */
    static double[] sixtyFourths(int n, int span, int seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (r.nextInt(2 * span + 1) - span + 10) / 64.0;
        v[0] = 127 / 64.0;
        return v;
    }

    static Conv2d conv(NdArray stride, Value padding, NdArray dilation, NdArray groups) {
        return new Conv2d(
                new NdArray(DType.FLOAT32, new int[] {O, 1, K, K}, KERNEL),
                f32(BIAS),
                stride,
                padding,
                dilation,
                groups,
                NdArray.ints(H, W));
    }

    static Conv2d plainConv() {
        return conv(
                NdArray.ints(1, 1),
                NdArray.ints(1, 1),
                NdArray.ints(1, 1),
                NdArray.scalar(DType.INT64, 1));
    }

    /**
     * The graph with node "conv" and "pool" as given; the IF's parameters are one value per
     * channel, shape [2, 1, 1].
     */
    static NirGraph graph(NirNode conv, NirNode pool, int pooled) {
        NdArray perChannel = new NdArray(DType.FLOAT64, new int[] {O, 1, 1}, new double[] {DT, DT});
        NdArray ones = new NdArray(DType.FLOAT64, new int[] {O, 1, 1}, new double[] {1, 1});
        NdArray zeros = new NdArray(DType.FLOAT64, new int[] {O, 1, 1}, new double[] {0, 0});
        int features = O * pooled * pooled;
        double[] w = new double[CLASSES * features];
        System.arraycopy(READOUT, 0, w, 0, Math.min(w.length, READOUT.length));
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(1, H, W)))
                .node("conv", conv)
                .node("lif", new IF(ones, perChannel, zeros))
                .node("pool", pool)
                .node(
                        "flat",
                        new Flatten(
                                NdArray.scalar(DType.INT64, 0),
                                NdArray.scalar(DType.INT64, -1),
                                NdArray.ints(O, pooled, pooled)))
                .node("fc", new Linear(matrix(CLASSES, features, w)))
                .node("out", new I(f64(1, 1, 1)))
                .node("output", new Output(NdArray.ints(CLASSES)))
                .chain("input", "conv", "lif", "pool", "flat", "fc", "out", "output")
                .build();
    }

    static SumPool2d sumPool(int p) {
        return new SumPool2d(NdArray.ints(p, p), NdArray.ints(p, p), NdArray.ints(0, 0));
    }

    NirImporter.Result importFile(NirGraph g) throws Exception {
        Path f = dir.resolve("conv.nir");
        NirWriter.write(f, new NirDocument("1.0.6", g));
        return NirImporter.convert(NirReader.read(f), new NirImporter.Options(DT, "conv", STEPS));
    }

    @Test
    void conv2dIfSumPoolFlattenBecomeOneConvLifLayer() throws Exception {
        NirImporter.Result r = importFile(graph(plainConv(), sumPool(2), 3));
        TrainedNetwork net = r.network();
        assertEquals(List.of(1, H, W), net.getInput().getShapeList());
        assertEquals(2, net.getLayersCount());
        TrainedLayer c = net.getLayers(0);
        assertEquals(LayerKind.CONV_LIF, c.getKind());
        assertEquals(
                ConvGeometry.newBuilder()
                        .setInChannels(1)
                        .setInHeight(H)
                        .setInWidth(W)
                        .setOutChannels(O)
                        .setKernel(K)
                        .setPadding(1)
                        .setStride(1)
                        .setOutHeight(H)
                        .setOutWidth(W)
                        .setPool(2)
                        .build(),
                c.getConv());
        assertEquals(O * H * W, c.getSize());
        assertEquals(List.of(O, 1, K, K), c.getWeights().getShapeList());
        for (int i = 0; i < KERNEL.length; i++)
            assertEquals((float) KERNEL[i], c.getWeights().getValues(i));
        assertEquals(
                List.of((float) BIAS[0], (float) BIAS[1]),
                c.getBias().getValuesList(),
                "one bias per channel (the Conv2d bias)");
        // IF: s = r·dt, threshold = v_threshold / s = dt / dt
        assertEquals(1f, c.getNeuron().getThreshold());
        assertEquals(1f, c.getNeuron().getDu());
        assertEquals(0f, c.getNeuron().getDv());
        TrainedLayer out = net.getLayers(1);
        assertEquals(LayerKind.READOUT, out.getKind());
        assertEquals(
                List.of(CLASSES, O * 9),
                out.getWeights().getShapeList(),
                "the readout reads the pooled map flattened");
        assertEquals(List.of(List.of("conv", "lif", "pool"), List.of("fc", "out")), r.layerNodes());
    }

    /**
     * The imported net against the trainer's float evaluator, the compiled net on the simulator and
     * a direct run of the graph.
     */
    @Test
    void importedConvNetworkRunsAlikeInFloatCompiledAndAsTheGraphSays() throws Exception {
        TrainedNetwork net = importFile(graph(plainConv(), sumPool(2), 3)).network();
        int samples = 4;
        Random rnd = new Random(11);
        byte[] pixels = new byte[samples * H * W];
        rnd.nextBytes(pixels);
        LabeledImages images =
                new LabeledImages("tiny", H, W, pixels, new int[] {0, 1, 2, 0}, CLASSES);
        FloatEvaluation fe = FloatEvaluator.evaluate(net, images, (done, total) -> {}, 1);

        CompiledNetwork chip = Compiler.compile(net, ChipProfiles.load("loihi1"));
        assertEquals(
                64 * Math.scalb(1.0, chip.getLayers(0).getWeightExp()),
                chip.getLayers(0).getScale(),
                0.0,
                "the conv layer's weights are exact on the chip (k = 64)");
        double outScale = chip.getLayers(1).getScale() * (1 << FixedPoint.ACT_SHIFT);
        var q =
                chip.getReport().getLayersList().stream()
                        .filter(l -> l.getLayer().equals("out"))
                        .findFirst()
                        .orElseThrow();
        RateEncoder enc = new RateEncoder(STEPS, 1f, net.getInput().getEncodingSeed());
        float[] x = new float[H * W];
        int convSpikes = 0;
        try (Simulator sim = new Simulator(chip)) {
            for (int i = 0; i < samples; i++) {
                images.copyImage(i, x, 0);
                SpikeTrain train = enc.encode(i, x);
                GraphRun direct = new GraphRun(train);
                sim.reset();
                double bound = 0;
                for (int t = 0; t < STEPS; t++) {
                    int[] in = train.spikesPerStep()[t];
                    sim.step(in, in.length);
                    boolean[] z = sim.spikes(0);
                    for (int n = 0; n < z.length; n++) {
                        assertEquals(
                                direct.spikes[t][n],
                                z[n],
                                "sample "
                                        + i
                                        + " step "
                                        + t
                                        + " conv neuron "
                                        + n
                                        + ": compiled vs the graph");
                        if (z[n]) convSpikes++;
                    }
                    // the readout's error per step: each arriving spike's weight rounding, plus the
                    // exponent's truncation
                    bound +=
                            q.getMaxAbsError() * (t == 0 ? 0 : direct.count(t - 1))
                                    + q.getTruncationMaxError();
                }
                int[] v = sim.voltages(1);
                for (int k = 0; k < CLASSES; k++) {
                    assertEquals(
                            direct.readout[k],
                            fe.score(i, k),
                            0.0,
                            "sample "
                                    + i
                                    + " class "
                                    + k
                                    + ": float evaluator vs the graph run directly");
                    assertEquals(
                            direct.readout[k],
                            v[k] / outScale,
                            bound + 1e-9,
                            "sample " + i + " class " + k + ": compiled (loihi1) vs the graph");
                }
            }
        }
        assertTrue(
                convSpikes > 100, "the conv layer must be active, got " + convSpikes + " spikes");
    }

    /**
     * The graph evaluated from its own parameters: IF with v += R·dt·I per step in NIR units
     * (threshold dt, so one unit of I), the Conv2d written out with zero padding, 2x2 sums,
     * Flatten, Linear and the I readout; every edge into a neuron delays one step as Spikeforge's
     * connections do. {@code readout} is the I node's v / (R·dt) after the last step, {@code
     * spikes[t]} the IF neurons' spikes on step t.
     */
    static final class GraphRun {
        final double[] readout = new double[CLASSES];
        final boolean[][] spikes = new boolean[STEPS][O * H * W];

        GraphRun(SpikeTrain train) {
            double[] v1 = new double[O * H * W];
            boolean[] prevIn = new boolean[H * W];
            for (int t = 0; t < STEPS; t++) {
                boolean[] z = spikes[t], prevZ = t == 0 ? new boolean[z.length] : spikes[t - 1];
                for (int o = 0; o < O; o++) {
                    for (int y = 0; y < H; y++) {
                        for (int xx = 0; xx < W; xx++) {
                            double drive = BIAS[o];
                            for (int dy = 0; dy < K; dy++) {
                                for (int dx = 0; dx < K; dx++) {
                                    int iy = y + dy - 1, ix = xx + dx - 1;
                                    if (iy >= 0
                                            && iy < H
                                            && ix >= 0
                                            && ix < W
                                            && prevIn[iy * W + ix])
                                        drive += KERNEL[(o * K + dy) * K + dx];
                                }
                            }
                            int n = (o * H + y) * W + xx;
                            v1[n] += drive;
                            z[n] = v1[n] > 1;
                            if (z[n]) v1[n] = 0;
                        }
                    }
                }
                for (int k = 0; k < CLASSES; k++) {
                    for (int o = 0; o < O; o++) {
                        for (int py = 0; py < 3; py++) {
                            for (int px = 0; px < 3; px++) {
                                int count = 0;
                                for (int dy = 0; dy < 2; dy++)
                                    for (int dx = 0; dx < 2; dx++)
                                        if (prevZ[(o * H + 2 * py + dy) * W + 2 * px + dx]) count++;
                                readout[k] += READOUT[k * O * 9 + (o * 3 + py) * 3 + px] * count;
                            }
                        }
                    }
                }
                java.util.Arrays.fill(prevIn, false);
                for (int s : train.spikesPerStep()[t]) prevIn[s] = true;
            }
        }

        int count(int t) {
            int c = 0;
            for (boolean z : spikes[t]) if (z) c++;
            return c;
        }
    }

    @Test
    void exportWritesConv2dNeuronSumPoolAndFlattenAndBothRoundTripsHold() throws Exception {
        NirDocument original = new NirDocument("1.0.6", graph(plainConv(), sumPool(2), 3));
        Path in = dir.resolve("in.nir");
        NirWriter.write(in, original);
        TrainedNetwork imported =
                NirImporter.convert(NirReader.read(in), new NirImporter.Options(DT, "conv", STEPS))
                        .network();

        // NIR → Spikeforge → NIR: the same graph, parameter for parameter
        NirExporter.Result back =
                NirExporter.convert(imported, new NirExporter.Options(null, false));
        assertTrue(back.fromRecord(), back.notes().toString());
        Path again = dir.resolve("again.nir");
        NirWriter.write(again, back.document());
        assertEquals(NirReader.read(in), NirReader.read(again));

        // Spikeforge → NIR → Spikeforge from the parameters alone (no import record), with and
        // without Delay nodes
        TrainedNetwork bare =
                imported.toBuilder().setProvenance(Provenance.getDefaultInstance()).build();
        for (boolean delays : new boolean[] {false, true}) {
            NirExporter.Result ex = NirExporter.convert(bare, new NirExporter.Options(DT, delays));
            assertFalse(ex.fromRecord());
            NirGraph g = ex.document().graph();
            List<String> types = g.nodes().values().stream().map(NirNode::type).toList();
            assertEquals(
                    delays
                            ? List.of(
                                    "Input",
                                    "Conv2d",
                                    "Delay",
                                    "IF",
                                    "SumPool2d",
                                    "Flatten",
                                    "Linear",
                                    "Delay",
                                    "I",
                                    "Output")
                            : List.of(
                                    "Input",
                                    "Conv2d",
                                    "IF",
                                    "SumPool2d",
                                    "Flatten",
                                    "Linear",
                                    "I",
                                    "Output"),
                    types);
            Conv2d c =
                    (Conv2d)
                            g.nodes().values().stream()
                                    .filter(n -> n instanceof Conv2d)
                                    .findFirst()
                                    .orElseThrow();
            assertEquals(NdArray.ints(1, 1), c.padding());
            assertEquals(NdArray.ints(H, W), c.inputShape());
            assertEquals(
                    List.of(O, H, W),
                    java.util.Arrays.stream(((IF) g.nodes().get("lif")).vThreshold().shape())
                            .boxed()
                            .toList(),
                    "neuron parameters in the map's shape");
            Path f = dir.resolve("sf" + delays + ".nir");
            NirWriter.write(f, ex.document());
            NirImporter.Result re =
                    NirImporter.convert(
                            NirReader.read(f), new NirImporter.Options(DT, "conv", STEPS));
            assertNull(
                    NirExporter.difference(bare, re.network()),
                    "Spikeforge → NIR → Spikeforge is exact");
            assertEquals(delays ? 0 : 2, re.shiftSteps());
        }
    }

    /**
     * Input[1, 6, 6] → Conv2d(2, 3x3, padding 1, the given stride) → IF → Flatten → Linear[3, 18] →
     * I → Output (no pooling).
     */
    static NirGraph stridedGraph(Conv2d conv) {
        NdArray perChannel = new NdArray(DType.FLOAT64, new int[] {O, 1, 1}, new double[] {DT, DT});
        NdArray ones = new NdArray(DType.FLOAT64, new int[] {O, 1, 1}, new double[] {1, 1});
        NdArray zeros = new NdArray(DType.FLOAT64, new int[] {O, 1, 1}, new double[] {0, 0});
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(1, H, W)))
                .node("conv", conv)
                .node("lif", new IF(ones, perChannel, zeros))
                .node(
                        "flat",
                        new Flatten(
                                NdArray.scalar(DType.INT64, 0),
                                NdArray.scalar(DType.INT64, -1),
                                NdArray.ints(O, 3, 3)))
                .node(
                        "fc",
                        new Linear(
                                matrix(
                                        CLASSES,
                                        O * 9,
                                        java.util.Arrays.copyOf(READOUT, CLASSES * O * 9))))
                .node("out", new I(f64(1, 1, 1)))
                .node("output", new Output(NdArray.ints(CLASSES)))
                .chain("input", "conv", "lif", "flat", "fc", "out", "output")
                .build();
    }

    /**
     * Stride 2 on the 6 x 6 map with padding 1 makes a 3 x 3 map (NIR's and the trained form's (6 +
     * 2 − 3) / 2 + 1); it imports as a strided CONV_LIF layer, exports back as Conv2d with stride
     * [2, 2], and both round trips hold.
     */
    @Test
    void aStridedConvImportsAndRoundTripsBothWays() throws Exception {
        NdArray one = NdArray.ints(1, 1), g1 = NdArray.scalar(DType.INT64, 1);
        NirDocument original =
                new NirDocument("1.0.6", stridedGraph(conv(NdArray.ints(2, 2), one, one, g1)));
        Path in = dir.resolve("strided.nir");
        NirWriter.write(in, original);
        NirImporter.Result r =
                NirImporter.convert(
                        NirReader.read(in), new NirImporter.Options(DT, "strided", STEPS));
        TrainedLayer c = r.network().getLayers(0);
        assertEquals(
                ConvGeometry.newBuilder()
                        .setInChannels(1)
                        .setInHeight(H)
                        .setInWidth(W)
                        .setOutChannels(O)
                        .setKernel(K)
                        .setPadding(1)
                        .setStride(2)
                        .setOutHeight(3)
                        .setOutWidth(3)
                        .setPool(1)
                        .build(),
                c.getConv());
        assertEquals(O * 9, c.getSize());
        assertEquals(List.of(CLASSES, O * 9), r.network().getLayers(1).getWeights().getShapeList());
        Fidelity row =
                r.fidelity().stream()
                        .filter(f -> f.node().equals("conv"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(Fidelity.Status.EXACT, row.status());
        assertTrue(row.detail().contains("stride 2"), row.detail());

        // NIR → Spikeforge → NIR: the import record gives the same graph back
        NirExporter.Result back =
                NirExporter.convert(r.network(), new NirExporter.Options(null, false));
        assertTrue(back.fromRecord(), back.notes().toString());
        Path again = dir.resolve("strided-again.nir");
        NirWriter.write(again, back.document());
        assertEquals(NirReader.read(in), NirReader.read(again));

        // Spikeforge → NIR → Spikeforge from the parameters alone: Conv2d with stride [2, 2], the
        // neurons on the 3 x 3 map
        TrainedNetwork bare =
                r.network().toBuilder().setProvenance(Provenance.getDefaultInstance()).build();
        NirExporter.Result ex = NirExporter.convert(bare, new NirExporter.Options(DT, false));
        assertFalse(ex.fromRecord());
        Conv2d written =
                (Conv2d)
                        ex.document().graph().nodes().values().stream()
                                .filter(n -> n instanceof Conv2d)
                                .findFirst()
                                .orElseThrow();
        assertEquals(NdArray.ints(2, 2), written.stride());
        assertEquals(NdArray.ints(1, 1), written.padding());
        assertEquals(
                List.of(O, 3, 3),
                java.util.Arrays.stream(
                                ((IF) ex.document().graph().nodes().get("lif"))
                                        .vThreshold()
                                        .shape())
                        .boxed()
                        .toList());
        Path f = dir.resolve("strided-sf.nir");
        NirWriter.write(f, ex.document());
        assertNull(
                NirExporter.difference(
                        bare,
                        NirImporter.convert(
                                        NirReader.read(f),
                                        new NirImporter.Options(DT, "strided", STEPS))
                                .network()));
        // last, as it skips the rest where python3-h5py is missing: libhdf5 reads both files alike
        // and sees the stride
        H5pyCheck.assertSameGraph(in, again);
        String h5 = H5pyCheck.read(f);
        assertTrue(h5.contains("\"stride\": [\"<i8\", [2]]"), h5);
    }

    @Test
    void averagePoolingOverAPowerOfTwoFoldsExactlyIntoTheNextWeights() throws Exception {
        NirNode avg = new AvgPool2d(NdArray.ints(2, 2), NdArray.ints(2, 2), NdArray.ints(0, 0));
        TrainedNetwork net = importFile(graph(plainConv(), avg, 3)).network();
        assertEquals(2, net.getLayers(0).getConv().getPool());
        TrainedLayer out = net.getLayers(1);
        for (int i = 0; i < out.getWeights().getValuesCount(); i++) {
            assertEquals(
                    (float) READOUT[i] / 4,
                    out.getWeights().getValues(i),
                    0f,
                    "weight " + i + " carries the 1/4 of the 2x2 average");
        }
    }

    @Test
    void whatSpikeforgeConvCannotExpressIsRefusedByName() throws Exception {
        NdArray one = NdArray.ints(1, 1), g1 = NdArray.scalar(DType.INT64, 1);
        assertRefused(
                stridedGraph(conv(NdArray.ints(2, 1), one, one, g1)),
                "node 'conv' (Conv2d)",
                "stride = [2, 1] is not one positive value for both axes");
        assertRefused(
                stridedGraph(conv(NdArray.ints(2, 2), new Text("same"), one, g1)),
                "node 'conv' (Conv2d)",
                "padding 'same' with stride 2");
        assertRefused(
                graph(conv(one, one, NdArray.ints(2, 2), g1), sumPool(2), 3),
                "node 'conv' (Conv2d)",
                "dilation");
        assertRefused(
                graph(conv(one, one, one, NdArray.scalar(DType.INT64, 2)), sumPool(2), 3),
                "node 'conv' (Conv2d)",
                "groups = [2]");
        assertRefused(
                graph(conv(one, NdArray.ints(1, 0), one, g1), sumPool(2), 3),
                "node 'conv' (Conv2d)",
                "asymmetric padding [1, 0]");
        Conv2d even =
                new Conv2d(
                        new NdArray(DType.FLOAT32, new int[] {O, 1, 2, 2}, new double[8]),
                        f32(BIAS),
                        one,
                        new Text("same"),
                        one,
                        g1,
                        NdArray.ints(H, W));
        assertRefused(
                graph(even, sumPool(2), 3),
                "node 'conv' (Conv2d)",
                "padding 'same' with the even kernel 2x2");
        assertRefused(
                graph(
                        plainConv(),
                        new AvgPool2d(NdArray.ints(3, 3), NdArray.ints(3, 3), NdArray.ints(0, 0)),
                        2),
                "node 'pool' (AvgPool2d)",
                "3x3 = 9 values");
        assertRefused(
                graph(
                        plainConv(),
                        new SumPool2d(NdArray.ints(2, 2), NdArray.ints(1, 1), NdArray.ints(0, 0)),
                        5),
                "node 'pool' (SumPool2d)",
                "stride 1 differs from kernel_size 2");
        assertRefused(
                graph(plainConv(), sumPool(4), 1),
                "node 'pool' (SumPool2d)",
                "4x4 windows do not tile the 6x6 map");
        // a dense layer reading the conv map without Flatten
        NirGraph noFlatten =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(1, H, W)))
                        .node("conv", plainConv())
                        .node("lif", new IF(f64(1, 1), f64(DT, DT), f64(0, 0)))
                        .node(
                                "fc",
                                new Linear(
                                        matrix(
                                                CLASSES,
                                                O * H * W,
                                                new double[CLASSES * O * H * W])))
                        .node("out", new I(f64(1, 1, 1)))
                        .node("output", new Output(NdArray.ints(CLASSES)))
                        .chain("input", "conv", "lif", "fc", "out", "output")
                        .build();
        assertRefused(noFlatten, "node 'fc' (Linear)", "put a Flatten between them");
        // per-channel bias must not vary inside a channel
        NirGraph leaky =
                replaceNeuron(
                        graph(plainConv(), sumPool(2), 3),
                        "lif",
                        n -> {
                            double[] leak = new double[O * H * W];
                            leak[5] = 0.5;
                            NdArray c = NdArray.filled(DType.FLOAT64, O * H * W, 0.01);
                            return new LIF(
                                    c,
                                    NdArray.filled(DType.FLOAT64, O * H * W, 1),
                                    NdArray.vector(DType.FLOAT64, leak),
                                    NdArray.filled(DType.FLOAT64, O * H * W, 1),
                                    NdArray.filled(DType.FLOAT64, O * H * W, 0));
                        });
        assertRefused(leaky, "node 'lif' (LIF)", "v_leak varies within channel 0");
    }

    static NirGraph replaceNeuron(NirGraph g, String name, UnaryOperator<NirNode> f) {
        NirGraph.Builder b = NirGraph.builder();
        g.nodes().forEach((k, v) -> b.node(k, k.equals(name) ? f.apply(v) : v));
        g.edges().forEach(e -> b.edge(e.source(), e.target()));
        return b.build();
    }

    void assertRefused(NirGraph g, String node, String why) {
        NirFormatException e = assertThrows(NirFormatException.class, () -> importFile(g));
        assertTrue(
                e.getMessage().contains(node) && e.getMessage().contains(why),
                "expected " + node + " and '" + why + "' in: " + e.getMessage());
    }
}
