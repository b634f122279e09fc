package dev.spikeforge.trainer.engine;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.FloatEvaluation;
import dev.spikeforge.trainer.FloatEvaluator;
import dev.spikeforge.trainer.TestNetworks;
import dev.spikeforge.trainer.export.NetworkCodec;
import dev.spikeforge.trainer.input.RateBatchEncoder;
import dev.spikeforge.trainer.network.LifNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.*;

/** The batched ND4J forward pass must reproduce the scalar FloatLif semantics, one-step delays included. */
class ForwardPassTest {
    private static final int STEPS = 12, BATCH = 7, ENCODING_SEED = 99;

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void batchedForwardEqualsScalarReference(Reset reset) {
        // du < 1 so the synaptic current's memory is exercised too; a large init gain makes the layers spike often.
        FloatLif neuron = new FloatLif(0.5, 0.1, 1.0, reset).snappedToFixedGrid();
        LifNetwork net = TestNetworks.mlp(30, new int[]{20, 15}, 5, neuron, 3.0, 7, DataType.FLOAT);
        LabeledImages data = TestNetworks.randomImages(BATCH, 5, 6, 5, 3);
        RateEncoder encoder = new RateEncoder(STEPS, 0.8f, ENCODING_SEED);

        BatchWorkspace ws = new BatchWorkspace(net, STEPS, BATCH);
        int[] idx = new int[BATCH];
        long[] keys = new long[BATCH];
        for (int b = 0; b < BATCH; b++) {
            idx[b] = b;
            keys[b] = b;
        }
        try (RateBatchEncoder batches = new RateBatchEncoder(encoder, net.inputs(), 2)) {
            batches.encode(data, idx, keys, ws.input());
        }
        ForwardPass.run(net, ws);

        float[][] scores = ws.scores().toFloatMatrix();
        long spikesSeen = 0, neuronSteps = 0;
        for (int b = 0; b < BATCH; b++) {
            float[] x = new float[data.features()];
            data.copyImage(b, x, 0);
            ScalarReference.Run ref = ScalarReference.run(net, encoder.encode(b, x));
            for (int l = 0; l < net.hiddenLayers(); l++) {
                for (int t = 0; t < STEPS; t++) {
                    float[] z = ws.layer(l).spikes().at(t).getRow(b).toFloatVector();
                    for (int n = 0; n < z.length; n++) {
                        assertEquals(ref.spikes()[l][t][n] ? 1f : 0f, z[n], "layer " + l + " step " + t + " sample " + b + " neuron " + n);
                        spikesSeen += (long) z[n];
                        neuronSteps++;
                    }
                }
            }
            for (int k = 0; k < net.outputs(); k++) assertEquals(ref.scores()[k], scores[b][k], 1e-4, "score " + k + " of sample " + b);
        }
        // A meaningful comparison needs neurons that spike and neurons that do not.
        assertTrue(spikesSeen > neuronSteps / 20 && spikesSeen < neuronSteps * 19 / 20, "spikes " + spikesSeen + " of " + neuronSteps);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void evaluatorFromArtifactMatchesScalarReference(Reset reset) {
        FloatLif neuron = new FloatLif(1.0, 0.05, 1.0, reset).snappedToFixedGrid();
        LifNetwork net = TestNetworks.mlp(30, new int[]{24}, 4, neuron, 2.5, 11, DataType.FLOAT);
        // 300 samples: more than one evaluation batch, and a partial last batch.
        LabeledImages data = TestNetworks.randomImages(300, 5, 6, 4, 5);
        InputSpec spec = InputSpec.newBuilder().addShape(30).setEncoding(Encoding.RATE).setSteps(STEPS)
                .setEncodingSeed(ENCODING_SEED).setGain(0.7f).build();
        TrainedNetwork artifact = TrainedNetwork.newBuilder().setName("t").setInput(spec).addAllLayers(NetworkCodec.toLayers(net)).build();

        FloatEvaluation e = FloatEvaluator.evaluate(artifact, data, null);

        RateEncoder encoder = new RateEncoder(STEPS, 0.7f, ENCODING_SEED);
        long synOps = 0, spikes = 0, inputSpikes = 0;
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            float[] x = new float[data.features()];
            data.copyImage(i, x, 0);
            var train = encoder.encode(i, x);
            ScalarReference.Run ref = ScalarReference.run(net, train);
            int best = 0;
            for (int k = 1; k < ref.scores().length; k++) if (ref.scores()[k] > ref.scores()[best]) best = k;
            assertEquals(best, e.predictions()[i], "prediction of sample " + i);
            for (int k = 0; k < ref.scores().length; k++) assertEquals(ref.scores()[k], e.score(i, k), 1e-4);
            if (best == data.label(i)) correct++;
            synOps += ref.synapticOps();
            spikes += ref.hiddenSpikes();
            inputSpikes += train.totalSpikes();
        }
        assertEquals(correct / (double) data.size(), e.accuracy(), 1e-12);
        assertEquals(synOps / (double) data.size(), e.synapticOpsPerSample(), 1e-9);
        assertEquals(spikes / (double) data.size(), e.spikesPerSample(), 1e-9);
        assertEquals(inputSpikes / (double) data.size(), e.inputSpikesPerSample(), 1e-9);
        assertEquals(spikes / ((double) data.size() * STEPS * 24), e.firingRates()[0], 1e-12);
    }
}
