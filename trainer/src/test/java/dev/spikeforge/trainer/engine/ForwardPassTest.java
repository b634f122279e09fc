package dev.spikeforge.trainer.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.FloatEvaluation;
import dev.spikeforge.trainer.FloatEvaluator;
import dev.spikeforge.trainer.TestNetworks;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.export.NetworkCodec;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.input.SampleEncoder;
import dev.spikeforge.trainer.input.SampleEncoders;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The batched ND4J forward pass must reproduce the scalar FloatLif semantics, one-step delays
 * included, for every layer kind.
 */
class ForwardPassTest {
    private static final int STEPS = 12, BATCH = 7, ENCODING_SEED = 99;

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void denseNetworkEqualsScalarReference(Reset reset) {
        // du < 1 so the synaptic current's memory is exercised too; a large init gain makes the
        // layers spike often.
        FloatLif neuron = new FloatLif(0.5, 0.1, 1.0, reset).snappedToFixedGrid();
        LifNetwork net =
                TestNetworks.mlp(30, new int[] {20, 15}, 5, neuron, 3.0, 7, DataType.FLOAT);
        LabeledImages data = TestNetworks.randomImages(BATCH, 5, 6, 5, 3);
        compare(
                net,
                data,
                SampleEncoders.create(Encoding.RATE, STEPS, 0.8f, 0f, ENCODING_SEED, 5, 6),
                1e-4);
    }

    @Test
    void recurrentNetworkOnSequentialInputEqualsScalarReference() {
        NeuronSpec neurons =
                new NeuronSpec(0.6, 0.15, 1.0, Reset.BY_SUBTRACTION, 0.1, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 6, 5, true),
                        List.of(new LayerSpec.Recurrent(16), new LayerSpec.Dense(9)),
                        4,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        12,
                        DataType.DOUBLE);
        LabeledImages data = TestNetworks.randomImages(BATCH, 6, 5, 4, 4);
        compare(net, data, SampleEncoders.create(Encoding.SEQUENTIAL, 9, 1.5f, 0f, 0, 6, 5), 1e-9);
    }

    @Test
    void convNetworkOnDirectInputEqualsScalarReference() {
        NeuronSpec neurons = new NeuronSpec(1.0, 0.1, 1.0, Reset.TO_ZERO, 0.0, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, false),
                        List.of(
                                new LayerSpec.Conv(3, 3, 1, 2),
                                new LayerSpec.Conv(4, 3, 0, 1),
                                new LayerSpec.Dense(6)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        13,
                        DataType.DOUBLE);
        LabeledImages data = TestNetworks.randomImages(BATCH, 8, 8, 3, 5);
        compare(net, data, SampleEncoders.create(Encoding.DIRECT, 8, 1.2f, 0f, 0, 8, 8), 1e-9);
    }

    @Test
    void stridedConvNetworkEqualsScalarReference() {
        // Stride 2 on a 9x9 map with padding 1 (5x5 out), and on a 5x5 map without padding where
        // the last row and
        // column are never read ((5 - 2) / 2 + 1 = 2): both rounding cases of the output size.
        NeuronSpec neurons = new NeuronSpec(0.7, 0.1, 1.0, Reset.TO_ZERO, 0.0, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 9, 9, false),
                        List.of(
                                new LayerSpec.Conv(3, 3, 1, 2, 1),
                                new LayerSpec.Conv(4, 2, 0, 2, 1),
                                new LayerSpec.Dense(6)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        16,
                        DataType.DOUBLE);
        assertEquals(3 * 5 * 5, net.layer(0).neurons());
        assertEquals(4 * 2 * 2, net.layer(1).neurons());
        LabeledImages data = TestNetworks.randomImages(BATCH, 9, 9, 3, 9);
        compare(
                net,
                data,
                SampleEncoders.create(Encoding.RATE, 9, 0.8f, 0f, ENCODING_SEED, 9, 9),
                1e-9);
        compare(net, data, SampleEncoders.create(Encoding.DIRECT, 9, 1.2f, 0f, 0, 9, 9), 1e-9);
    }

    /**
     * A conv stem, one SEW residual block (two convs, their output summed with the block input) and
     * a dense layer.
     */
    static LifNetwork residualConvNetwork(NeuronSpec neurons, long seed, DataType type) {
        return TestNetworks.network(
                new InputGeometry(1, 8, 8, false),
                List.of(
                        new LayerSpec.Conv(3, 3, 1, 2),
                        new LayerSpec.Conv(3, 3, 1, 1),
                        new LayerSpec.Conv(3, 3, 1, 1),
                        new LayerSpec.Dense(6, List.of(2, 0))),
                3,
                neurons,
                ScoreMode.SCORE_FINAL_POTENTIAL,
                2.5,
                seed,
                type);
    }

    @Test
    void residualConvNetworkEqualsScalarReference() {
        NeuronSpec neurons = new NeuronSpec(0.8, 0.1, 1.0, Reset.TO_ZERO, 0.0, false, false);
        LifNetwork net = residualConvNetwork(neurons, 17, DataType.DOUBLE);
        assertEquals(List.of(2, 0), net.sourcesOf(3));
        assertEquals(
                List.of(1, 3),
                net.readersOf(0),
                "the stem feeds the block and, past it, the dense layer");
        LabeledImages data = TestNetworks.randomImages(BATCH, 8, 8, 3, 10);
        compare(net, data, SampleEncoders.create(Encoding.DIRECT, 9, 1.2f, 0f, 0, 8, 8), 1e-9);
        compare(
                net,
                data,
                SampleEncoders.create(Encoding.RATE, 9, 0.8f, 0f, ENCODING_SEED, 8, 8),
                1e-9);
    }

    @Test
    void layerThatAlsoReadsTheInputEqualsScalarReference() {
        // The second layer sums the first layer's spikes and the input itself (constant under
        // direct encoding).
        NeuronSpec neurons = new NeuronSpec(0.7, 0.1, 1.0, Reset.TO_ZERO, 0.0, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 5, 6, false),
                        List.of(new LayerSpec.Dense(30), new LayerSpec.Dense(12, List.of(0, -1))),
                        4,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        18,
                        DataType.DOUBLE);
        LabeledImages data = TestNetworks.randomImages(BATCH, 5, 6, 4, 11);
        compare(net, data, SampleEncoders.create(Encoding.DIRECT, 8, 1.0f, 0f, 0, 5, 6), 1e-9);
        compare(
                net,
                data,
                SampleEncoders.create(Encoding.RATE, 8, 0.8f, 0f, ENCODING_SEED, 5, 6),
                1e-9);
    }

    @Test
    void convNetworkOnLatencySpikesEqualsScalarReference() {
        NeuronSpec neurons = new NeuronSpec(0.5, 0.1, 0.8, Reset.TO_ZERO, 0.0, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, false),
                        List.of(new LayerSpec.Conv(2, 5, 2, 4)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        3.0,
                        14,
                        DataType.DOUBLE);
        LabeledImages data = TestNetworks.randomImages(BATCH, 8, 8, 3, 6);
        compare(net, data, SampleEncoders.create(Encoding.LATENCY, 10, 1.0f, 0.2f, 0, 8, 8), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(
            value = ScoreMode.class,
            names = {"SCORE_MAX_POTENTIAL", "SCORE_MEAN_POTENTIAL", "SCORE_SPIKE_COUNT"})
    void scoreModesEqualScalarReference(ScoreMode mode) {
        NeuronSpec neurons = new NeuronSpec(1.0, 0.1, 1.0, Reset.TO_ZERO, 0.2, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 5, 6, false),
                        List.of(new LayerSpec.Dense(20)),
                        5,
                        neurons,
                        mode,
                        3.0,
                        15,
                        DataType.DOUBLE);
        LabeledImages data = TestNetworks.randomImages(BATCH, 5, 6, 5, 7);
        compare(
                net,
                data,
                SampleEncoders.create(Encoding.RATE, STEPS, 0.8f, 0f, ENCODING_SEED, 5, 6),
                1e-9);
    }

    /**
     * Runs one batch through the engine and every sample through the reference; spikes must match
     * exactly.
     */
    private static void compare(
            LifNetwork net, LabeledImages data, SampleEncoder encoder, double scoreTolerance) {
        int steps = encoder.steps(), batch = data.size();
        BatchWorkspace ws = new BatchWorkspace(net, steps, batch, encoder.constant());
        int[] idx = new int[batch];
        long[] keys = new long[batch];
        for (int b = 0; b < batch; b++) {
            idx[b] = b;
            keys[b] = b;
        }
        try (BatchEncoder batches = new BatchEncoder(encoder, data.features(), 2)) {
            batches.encode(data, idx, keys, ws.input());
        }
        ForwardPass.run(ws);
        double[][] scores = ws.scores().scores();
        long spikesSeen = 0, neuronSteps = 0;
        ScalarReference reference = new ScalarReference(net);
        for (int b = 0; b < batch; b++) {
            ScalarReference.Run ref = reference.run(stepValues(encoder, data, b), encoder.spikes());
            for (int l = 0; l < net.spikingLayers(); l++) {
                for (int t = 0; t < steps; t++) {
                    double[] z = ws.layer(l).spikes().at(t).getRow(b).toDoubleVector();
                    for (int n = 0; n < z.length; n++) {
                        assertEquals(
                                ref.spikes()[l][t][n] ? 1.0 : 0.0,
                                z[n],
                                "layer " + l + " step " + t + " sample " + b + " neuron " + n);
                        spikesSeen += (long) z[n];
                        neuronSteps++;
                    }
                }
            }
            for (int k = 0; k < net.outputs(); k++)
                assertEquals(
                        ref.scores()[k],
                        scores[b][k],
                        scoreTolerance,
                        "score " + k + " of sample " + b);
        }
        // A meaningful comparison needs neurons that spike and neurons that do not.
        assertTrue(
                spikesSeen > neuronSteps / 50 && spikesSeen < neuronSteps * 19 / 20,
                "spikes " + spikesSeen + " of " + neuronSteps);
    }

    /** The encoder's values of sample i as [T][width]; a constant encoder's on every step. */
    static double[][] stepValues(SampleEncoder encoder, LabeledImages data, int i) {
        float[] x = new float[data.features()];
        data.copyImage(i, x, 0);
        int w = encoder.width(), steps = encoder.steps();
        float[] out = new float[(encoder.constant() ? 1 : steps) * w];
        encoder.encode(i, x, out, 0, w);
        double[][] v = new double[steps][w];
        for (int t = 0; t < steps; t++)
            for (int j = 0; j < w; j++) v[t][j] = out[(encoder.constant() ? 0 : t * w) + j];
        return v;
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void evaluatorFromArtifactMatchesScalarReference(Reset reset) {
        FloatLif neuron = new FloatLif(1.0, 0.05, 1.0, reset).snappedToFixedGrid();
        LifNetwork net = TestNetworks.mlp(30, new int[] {24}, 4, neuron, 2.5, 11, DataType.FLOAT);
        // 300 samples: more than one evaluation batch, and a partial last batch.
        LabeledImages data = TestNetworks.randomImages(300, 5, 6, 4, 5);
        InputSpec spec =
                InputSpec.newBuilder()
                        .addShape(30)
                        .setEncoding(Encoding.RATE)
                        .setSteps(STEPS)
                        .setEncodingSeed(ENCODING_SEED)
                        .setGain(0.7f)
                        .build();
        evaluatorMatchesReference(net, spec, data);
    }

    @Test
    void evaluatorRunsRecurrentAndConvArtifacts() {
        NeuronSpec neurons = new NeuronSpec(0.8, 0.1, 1.0, Reset.TO_ZERO, 0.0, false, false);
        LabeledImages data = TestNetworks.randomImages(40, 8, 8, 3, 8);
        LifNetwork conv =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, false),
                        List.of(new LayerSpec.Conv(3, 3, 1, 2), new LayerSpec.Dense(10)),
                        3,
                        neurons,
                        ScoreMode.SCORE_MEAN_POTENTIAL,
                        2.5,
                        21,
                        DataType.FLOAT);
        evaluatorMatchesReference(
                conv,
                InputSpec.newBuilder()
                        .addShape(1)
                        .addShape(8)
                        .addShape(8)
                        .setEncoding(Encoding.RATE)
                        .setSteps(9)
                        .setEncodingSeed(3)
                        .setGain(1f)
                        .build(),
                data);
        LifNetwork strided =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, false),
                        List.of(
                                new LayerSpec.Conv(3, 3, 1, 2, 1),
                                new LayerSpec.Conv(4, 3, 1, 2, 2),
                                new LayerSpec.Dense(10)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        23,
                        DataType.FLOAT);
        evaluatorMatchesReference(
                strided,
                InputSpec.newBuilder()
                        .addShape(1)
                        .addShape(8)
                        .addShape(8)
                        .setEncoding(Encoding.RATE)
                        .setSteps(9)
                        .setEncodingSeed(3)
                        .setGain(1f)
                        .build(),
                data);
        evaluatorMatchesReference(
                residualConvNetwork(neurons, 24, DataType.FLOAT),
                InputSpec.newBuilder()
                        .addShape(1)
                        .addShape(8)
                        .addShape(8)
                        .setEncoding(Encoding.RATE)
                        .setSteps(9)
                        .setEncodingSeed(3)
                        .setGain(1f)
                        .build(),
                data);
        LifNetwork rnn =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, true),
                        List.of(new LayerSpec.Recurrent(12)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        22,
                        DataType.FLOAT);
        evaluatorMatchesReference(
                rnn,
                InputSpec.newBuilder()
                        .addShape(1)
                        .addShape(8)
                        .addShape(8)
                        .setEncoding(Encoding.SEQUENTIAL)
                        .setSteps(10)
                        .setGain(1f)
                        .build(),
                data);
    }

    private static void evaluatorMatchesReference(
            LifNetwork net, InputSpec spec, LabeledImages data) {
        TrainedNetwork artifact =
                TrainedNetwork.newBuilder()
                        .setName("t")
                        .setInput(spec)
                        .addAllLayers(NetworkCodec.toLayers(net))
                        .setScore(net.score())
                        .build();
        FloatEvaluation e = FloatEvaluator.evaluate(artifact, data, null);

        SampleEncoder encoder = SampleEncoders.forSpec(spec, data.rows(), data.cols());
        ScalarReference reference = new ScalarReference(net);
        double synOps = 0, inputSpikes = 0;
        long spikes = 0;
        long[] perLayer = new long[net.spikingLayers()];
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double[][] in = stepValues(encoder, data, i);
            ScalarReference.Run ref = reference.run(in, encoder.spikes());
            int best = 0;
            for (int k = 1; k < ref.scores().length; k++)
                if (ref.scores()[k] > ref.scores()[best]) best = k;
            assertEquals(best, e.predictions()[i], "prediction of sample " + i);
            for (int k = 0; k < ref.scores().length; k++)
                assertEquals(ref.scores()[k], e.score(i, k), 1e-4);
            if (best == data.label(i)) correct++;
            synOps += ref.synapticOps();
            spikes += ref.spikeCount();
            for (int l = 0; l < perLayer.length; l++)
                for (boolean[] step : ref.spikes()[l]) for (boolean z : step) if (z) perLayer[l]++;
            if (encoder.spikes()) for (double[] row : in) for (double x : row) inputSpikes += x;
        }
        assertEquals(correct / (double) data.size(), e.accuracy(), 1e-12);
        assertEquals(synOps / data.size(), e.synapticOpsPerSample(), 1e-6);
        assertEquals(spikes / (double) data.size(), e.spikesPerSample(), 1e-9);
        assertEquals(inputSpikes / data.size(), e.inputSpikesPerSample(), 1e-9);
        for (int l = 0; l < perLayer.length; l++) {
            assertEquals(
                    perLayer[l] / ((double) data.size() * spec.getSteps() * net.layer(l).neurons()),
                    e.firingRates()[l],
                    1e-12);
        }
    }
}
