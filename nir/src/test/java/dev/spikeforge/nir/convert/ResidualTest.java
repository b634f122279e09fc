package dev.spikeforge.nir.convert;

import static dev.spikeforge.nir.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.nir.graph.*;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.nir.paper.H5pyCheck;
import dev.spikeforge.proto.*;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.config.ResidualNet;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.export.NetworkCodec;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.NetworkFactory;
import dev.spikeforge.trainer.network.ScaledNormalInitializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Residual sums (TrainedLayer.sources) in NIR: one edge per source into the layer's first node,
 * which NIR adds. Spikeforge delays every connection by one step and NIR edges not at all, so a
 * skip edge past k layers would reach the sum k steps late in a zero-delay graph; the export
 * therefore puts a one-step Delay after every synapse, and the import refuses a sum whose sources
 * lag the graph unequally.
 */
class ResidualTest {
    static final double DT = 1e-3;

    @TempDir Path dir;

    /**
     * A SEW-ResNet from the trainer's own layer list (ResidualNet: stem 4x3p1s2 on 1x10x10, two
     * blocks, dense 12, readout 3), freshly initialized: sources [2, 0] on the second block's first
     * conv and [4, 2, 0] on the dense layer.
     */
    static TrainedNetwork resnet() {
        List<LayerSpec> specs =
                ResidualNet.layers(List.of(new LayerSpec.Conv(4, 3, 1, 2, 1)), 2, new int[] {12});
        NeuronSpec neurons = new NeuronSpec(1, 0.125, 0.5, Reset.TO_ZERO, 0, false, false);
        var lif =
                NetworkFactory.create(
                        new InputGeometry(1, 10, 10, false),
                        specs,
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        new ScaledNormalInitializer(2.0),
                        7,
                        DataType.FLOAT);
        InputSpec input =
                InputSpec.newBuilder()
                        .setEncoding(Encoding.DIRECT)
                        .addShape(1)
                        .addShape(10)
                        .addShape(10)
                        .setSteps(16)
                        .setGain(1f)
                        .build();
        return TrainedNetwork.newBuilder()
                .setName("resnet")
                .setInput(input)
                .addAllLayers(NetworkCodec.toLayers(lif))
                .setScore(ScoreMode.SCORE_FINAL_POTENTIAL)
                .build();
    }

    @Test
    void aResidualNetworkRoundTripsThroughNirWithItsSourcesWeightsAndOutputs() throws Exception {
        TrainedNetwork net = resnet();
        assertEquals(
                List.of(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(2, 0),
                        List.of(),
                        List.of(4, 2, 0),
                        List.of()),
                net.getLayersList().stream().map(TrainedLayer::getSourcesList).toList());
        assertEquals(2, net.getLayers(0).getConv().getStride());

        NirExporter.Result ex = NirExporter.convert(net, new NirExporter.Options(DT, false));
        assertTrue(
                ex.notes().stream()
                        .anyMatch(
                                n ->
                                        n.startsWith(
                                                "residual sums: every layer gets a one-step"
                                                        + " Delay")),
                ex.notes().toString());
        NirGraph g = ex.document().graph();
        // one edge per source into the layer's first node, in the order of sources: the conv
        // itself, or the Flatten before the dense layer
        assertEquals(List.of("conv2", "conv0"), sourcesOf(g, "conv3_conv"));
        assertEquals(List.of("conv4", "conv2", "conv0"), sourcesOf(g, "hidden5_flatten"));
        assertEquals(List.of("hidden5_flatten"), sourcesOf(g, "hidden5_syn"));
        assertEquals(
                7,
                g.nodes().values().stream().filter(n -> n instanceof Delay).count(),
                "a one-step Delay on every layer");
        assertEquals(NdArray.ints(2, 2), ((Conv2d) g.nodes().get("conv0_conv")).stride());

        Path f = dir.resolve("resnet.nir");
        NirWriter.write(f, ex.document());
        NirImporter.Result back =
                NirImporter.convert(NirReader.read(f), new NirImporter.Options(DT, "resnet", 16));
        assertEquals(0, back.shiftSteps(), "every layer carries its Delay: timed exactly");
        assertNull(NirExporter.difference(net, back.network()));
        for (int l = 0; l < net.getLayersCount(); l++) {
            TrainedLayer a = net.getLayers(l), b = back.network().getLayers(l);
            assertEquals(a.getSourcesList(), b.getSourcesList(), "layer " + l);
            assertEquals(a.getWeights(), b.getWeights(), "layer " + l);
            assertEquals(a.getConv().getStride(), b.getConv().getStride(), "layer " + l);
        }
        assertTrue(
                back.fidelity().stream().allMatch(r -> r.status() == Fidelity.Status.EXACT),
                back.fidelity().toString());
        assertTrue(
                back.fidelity().stream()
                        .anyMatch(
                                r ->
                                        r.node().equals("hidden5_syn")
                                                && r.detail().contains("sources [4, 2, 0]")),
                back.fidelity().toString());

        // Same float outputs: both networks through the trainer's forward pass on the same random
        // input.
        int steps = 16, batch = 3;
        Random rnd = new Random(11);
        float[][] x = new float[steps * batch][100];
        for (float[] row : x)
            for (int i = 0; i < row.length; i++) row[i] = rnd.nextFloat() < 0.3f ? 1 : 0;
        double[][] a = scores(net, x, steps, batch), b = scores(back.network(), x, steps, batch);
        assertArrayEquals(a, b);
        assertTrue(
                java.util.Arrays.stream(a)
                        .flatMapToDouble(java.util.Arrays::stream)
                        .anyMatch(v -> v != 0),
                "the readout receives spikes");

        // NIR → Spikeforge → NIR: the import record gives the file back
        NirExporter.Result again =
                NirExporter.convert(back.network(), new NirExporter.Options(null, false));
        assertTrue(again.fromRecord(), again.notes().toString());
        Path f2 = dir.resolve("resnet-again.nir");
        NirWriter.write(f2, again.document());
        assertEquals(NirReader.read(f), NirReader.read(f2));
        H5pyCheck.assertSameGraph(f, f2);
    }

    private static double[][] scores(TrainedNetwork net, float[][] x, int steps, int batch) {
        Nd4jRuntime.configure(1);
        BatchWorkspace ws =
                new BatchWorkspace(NetworkCodec.fromProto(net, DataType.FLOAT), steps, batch);
        ws.input().array().assign(Nd4j.create(x));
        ForwardPass.run(ws);
        return ws.scores().scores();
    }

    private static List<String> sourcesOf(NirGraph g, String node) {
        return g.edges().stream().filter(e -> e.target().equals(node)).map(Edge::source).toList();
    }

    /**
     * Input[2] → wa → a → wb → b → wc → c → Output, with an edge a → wc besides b → wc (NIR adds
     * the two into wc), all IF/I at dt = 1 (r = 1: v += input each step, as Sinabs' IAF),
     * thresholds 0.5, weights 1 (input 1 unused). With delays, a one-step Delay after each synapse.
     */
    static NirGraph sumGraph(boolean delays) {
        NdArray half = f64(0.5), zero = f64(0), r = f64(1);
        NirGraph.Builder b =
                NirGraph.builder()
                        .node("input", new Input(NdArray.ints(2)))
                        .node("wa", new Linear(matrix(1, 2, new double[] {1, 0})))
                        .node("a", new IF(r, half, zero))
                        .node("wb", new Linear(matrix(1, 1, new double[] {1})))
                        .node("b", new IF(r, half, zero))
                        .node("wc", new Linear(matrix(1, 1, new double[] {1})))
                        .node("c", new I(r))
                        .node("output", new Output(NdArray.ints(1)));
        if (delays) {
            for (String d : List.of("da", "db", "dc")) b.node(d, new Delay(f64(1)));
            b.chain("input", "wa", "da", "a", "wb", "db", "b", "wc", "dc", "c", "output");
        } else {
            b.chain("input", "wa", "a", "wb", "b", "wc", "c", "output");
        }
        return b.edge("a", "wc").build();
    }

    /**
     * Input 0 spikes on every step t = 0..5. By hand: a spikes from step 1 on (v = 1 > 0.5, reset
     * to 0), b from step 2 on, and c adds a[t − 1] + b[t − 1]: 1 on step 2, 2 on steps 3, 4, 5, so
     * its final potential is 1 + 3·2 = 7 (without the edge a → wc it would be 3).
     */
    @Test
    void twoEdgesIntoASynapseImportAsASumOfSources() {
        NirImporter.Result r =
                NirImporter.convert(
                        new NirDocument("1.0.6", sumGraph(true)),
                        new NirImporter.Options(1, "sum", 6));
        TrainedNetwork net = r.network();
        assertEquals(
                List.of(List.of(), List.of(), List.of(1, 0)),
                net.getLayersList().stream().map(TrainedLayer::getSourcesList).toList());
        assertEquals(List.of("wc", "c", "dc"), r.layerNodes().get(2));
        assertEquals(0, r.shiftSteps());
        float[][] x = new float[6][2];
        for (float[] row : x) row[0] = 1;
        assertEquals(7.0, scores(net, x, 6, 1)[0][0], 0.0);
        TrainedNetwork chain =
                net.toBuilder().setLayers(2, net.getLayers(2).toBuilder().clearSources()).build();
        assertEquals(3.0, scores(chain, x, 6, 1)[0][0], 0.0);
    }

    @Test
    void aSumWhoseSourcesLagUnequallyIsRefusedByName() {
        NirImporter.Refused e =
                assertThrows(
                        NirImporter.Refused.class,
                        () ->
                                NirImporter.convert(
                                        new NirDocument("1.0.6", sumGraph(false)),
                                        new NirImporter.Options(1, "sum", 6)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "node 'wc' (Linear): adds the output of 'a' to that of 'b' on the"
                                        + " same step, but in Spikeforge"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'a' would arrive 1 step(s) early"), e.getMessage());
        assertTrue(
                e.getMessage().contains("one-step Delay node after its synapse"), e.getMessage());
    }

    /**
     * A dense network whose second layer adds the Input (source −1, a [1, 2, 2] map read flattened)
     * to the first layer's output: the edge leaves the Input's Flatten, and the round trip keeps
     * sources [0, −1] and the scores.
     */
    @Test
    void theInputAsASourceRoundTrips() throws Exception {
        Tensor.Builder w0 = Tensor.newBuilder().addShape(4).addShape(4),
                w1 = Tensor.newBuilder().addShape(4).addShape(4);
        for (int i = 0; i < 16; i++) {
            w0.addValues((float) Math.sin(i + 1) * 0.75f);
            w1.addValues((float) Math.cos(i) * 0.5f);
        }
        Tensor.Builder w2 =
                Tensor.newBuilder()
                        .addShape(2)
                        .addShape(4)
                        .addValues(1f)
                        .addValues(-1f)
                        .addValues(0.5f)
                        .addValues(2f)
                        .addValues(0.25f)
                        .addValues(1f)
                        .addValues(-0.5f)
                        .addValues(1f);
        FloatLifParams lif =
                FloatLifParams.newBuilder().setDu(1f).setDv(0.125f).setThreshold(0.5f).build();
        TrainedNetwork net =
                TrainedNetwork.newBuilder()
                        .setName("skip")
                        .setInput(
                                InputSpec.newBuilder()
                                        .addShape(1)
                                        .addShape(2)
                                        .addShape(2)
                                        .setEncoding(Encoding.DIRECT)
                                        .setSteps(10)
                                        .setGain(1f))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("h0")
                                        .setKind(LayerKind.DENSE_LIF)
                                        .setSize(4)
                                        .setWeights(w0)
                                        .setNeuron(lif))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("h1")
                                        .setKind(LayerKind.DENSE_LIF)
                                        .setSize(4)
                                        .setWeights(w1)
                                        .setNeuron(lif)
                                        .addSources(0)
                                        .addSources(-1))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("out")
                                        .setKind(LayerKind.READOUT)
                                        .setSize(2)
                                        .setWeights(w2)
                                        .setNeuron(
                                                FloatLifParams.newBuilder()
                                                        .setDu(1f)
                                                        .setDv(0f)
                                                        .setThreshold(1f)))
                        .setScore(ScoreMode.SCORE_FINAL_POTENTIAL)
                        .build();
        NirExporter.Result ex = NirExporter.convert(net, new NirExporter.Options(DT, false));
        assertEquals(List.of("h0", "flatten"), sourcesOf(ex.document().graph(), "h1_syn"));
        TrainedNetwork back =
                NirImporter.convert(ex.document(), new NirImporter.Options(DT, "skip", 10))
                        .network();
        assertNull(NirExporter.difference(net, back));
        assertEquals(List.of(0, -1), back.getLayers(1).getSourcesList());
        float[][] x = new float[10][4];
        for (int t = 0; t < 10; t++) for (int i = 0; i < 4; i++) x[t][i] = (t + i) % 3 == 0 ? 1 : 0;
        double[][] a = scores(net, x, 10, 1);
        assertArrayEquals(a, scores(back, x, 10, 1));
        TrainedNetwork chain =
                net.toBuilder().setLayers(1, net.getLayers(1).toBuilder().clearSources()).build();
        assertFalse(
                java.util.Arrays.equals(a[0], scores(chain, x, 10, 1)[0]),
                "the input's edge changes the scores");
    }

    /**
     * What the chain-with-sums layout cannot write or read is refused, naming the layer or node.
     */
    @Test
    void sumsOutsideAChainAreRefusedByName() {
        TrainedNetwork net = resnet();
        // the dense layer reading the stem and the first block but not the layer before it
        TrainedNetwork gap =
                net.toBuilder()
                        .setLayers(
                                5,
                                net.getLayers(5).toBuilder()
                                        .clearSources()
                                        .addSources(2)
                                        .addSources(0))
                        .build();
        NirFormatException e =
                assertThrows(
                        NirFormatException.class,
                        () -> NirExporter.convert(gap, new NirExporter.Options(DT, false)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "layer 'hidden5' (5) has sources [2, 0] without layer 4 (the layer"
                                        + " before it)"),
                e.getMessage());

        // an edge into the sum from a synapse rather than a layer's output
        NirGraph g = sumGraph(true);
        NirGraph.Builder b = NirGraph.builder();
        g.nodes().forEach(b::node);
        g.edges().stream()
                .filter(x -> !(x.source().equals("a") && x.target().equals("wc")))
                .forEach(x -> b.edge(x.source(), x.target()));
        NirGraph fromSynapse = b.edge("wb", "wc").build();
        NirImporter.Refused r =
                assertThrows(
                        NirImporter.Refused.class,
                        () ->
                                NirImporter.convert(
                                        new NirDocument("1.0.6", fromSynapse),
                                        new NirImporter.Options(1, "sum", 6)));
        assertTrue(
                r.getMessage().startsWith("node 'wb' (Linear): sends to 2 nodes [db, wc]"),
                r.getMessage());
    }
}
