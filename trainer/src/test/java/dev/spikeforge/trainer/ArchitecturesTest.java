package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.JsonForm;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.ResidualNet;
import dev.spikeforge.trainer.stability.StableInit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conv and recurrent networks, the other encodings and score modes learn on a small slice, and
 * their artifacts hold everything needed to evaluate them again.
 */
class ArchitecturesTest {
    private static LabeledImages train, test;

    @BeforeAll
    static void data() {
        train = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TRAIN, 0);
        test = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TEST, 0);
    }

    private static TrainingConfig small() {
        return TrainingConfig.defaults()
                .withBatch(50)
                .withEpochs(2)
                .withLimit(1000)
                .withTestLimit(300)
                .withLearningRate(3e-3)
                .withSeed(11);
    }

    @Test
    void convNetworkOnDirectInputLearns(@TempDir Path dir) {
        TrainingConfig c =
                small().withLayers(new LayerSpec.Conv(6, 5, 0, 2), new LayerSpec.Conv(8, 3, 0, 2))
                        .withEncoding(Encoding.DIRECT)
                        .withSteps(8)
                        .withLearningRate(0.01);
        TrainingResult r = new Trainer(c).train(train, test, null);
        assertTrue(
                r.testAccuracy() > 0.6, "conv test accuracy " + r.testAccuracy() + " (chance 0.1)");
        TrainedNetwork net = r.network();
        assertEquals(
                List.of(LayerKind.CONV_LIF, LayerKind.CONV_LIF, LayerKind.READOUT),
                net.getLayersList().stream().map(l -> l.getKind()).toList());
        assertEquals(6 * 24 * 24, net.getLayers(0).getSize());
        assertEquals(List.of(6, 1, 5, 5), net.getLayers(0).getWeights().getShapeList());
        assertEquals(2, net.getLayers(1).getConv().getPool());
        assertEquals(List.of(10, 8 * 5 * 5), net.getLayers(2).getWeights().getShapeList());
        assertEquals(r.testAccuracy(), roundTripAccuracy(net, dir), 0);
    }

    @Test
    void stridedConvNetworkLearnsAndItsArtifactHoldsTheStride(@TempDir Path dir) {
        // 28x28 -> stride 2, padding 1 -> 14x14 (no pooling), then a pooled stride-1 layer -> 7x7.
        TrainingConfig c =
                small().withLayers(
                                new LayerSpec.Conv(6, 3, 1, 2, 1),
                                new LayerSpec.Conv(8, 3, 1, 1, 2))
                        .withEncoding(Encoding.DIRECT)
                        .withSteps(8)
                        .withLearningRate(0.01);
        TrainingResult r = new Trainer(c).train(train, test, null);
        assertTrue(
                r.testAccuracy() > 0.6,
                "strided conv test accuracy " + r.testAccuracy() + " (chance 0.1)");
        TrainedNetwork net = r.network();
        var g = net.getLayers(0).getConv();
        assertEquals(
                List.of(2, 14, 14, 1),
                List.of(g.getStride(), g.getOutHeight(), g.getOutWidth(), g.getPool()));
        assertEquals(6 * 14 * 14, net.getLayers(0).getSize());
        assertEquals(1, net.getLayers(1).getConv().getStride());
        assertEquals(List.of(10, 8 * 7 * 7), net.getLayers(2).getWeights().getShapeList());
        assertEquals(r.testAccuracy(), roundTripAccuracy(net, dir), 0);
    }

    @Test
    void residualConvNetworkLearnsAndItsSourcesRoundTrip(@TempDir Path dir) {
        // Stem 4x3p1 (pooled to 14x14), one SEW block of two 4-channel convs, a dense layer reading
        // block + stem.
        List<LayerSpec> layers =
                ResidualNet.layers(List.of(new LayerSpec.Conv(4, 3, 1, 2)), 1, new int[] {24});
        TrainingConfig c =
                small().withLayers(layers)
                        .withEncoding(Encoding.DIRECT)
                        .withSteps(8)
                        .withLearningRate(0.005);
        TrainingResult r = new Trainer(c).train(train, test, null);
        assertTrue(
                r.testAccuracy() > 0.6,
                "residual conv test accuracy " + r.testAccuracy() + " (chance 0.1)");
        TrainedNetwork net = r.network();
        assertEquals(
                List.of(List.of(), List.of(), List.of(), List.of(2, 0), List.of()),
                net.getLayersList().stream().map(TrainedLayer::getSourcesList).toList(),
                "the dense layer sums the block and the stem");
        assertEquals(List.of(24, 4 * 14 * 14), net.getLayers(3).getWeights().getShapeList());
        assertEquals(r.testAccuracy(), roundTripAccuracy(net, dir), 0);
        TrainedNetwork fromJson =
                JsonForm.fromJson(
                        dir.resolve("net.json"),
                        JsonForm.toJson(net),
                        ArtifactKind.TRAINED_NETWORK);
        assertEquals(net, fromJson, "the JSON form keeps the sources");
        assertEquals(
                r.testAccuracy(),
                FloatEvaluator.evaluate(fromJson, test.limit(300), null).accuracy(),
                0);

        ConfigException stable =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new Trainer(c.withInitializer(new StableInit(0.5)))
                                        .train(train, test, null));
        assertEquals("init", stable.setting());
        assertTrue(stable.getMessage().contains("sum several sources"), stable.getMessage());
    }

    @Test
    void recurrentNetworkOnSequentialRowsLearns(@TempDir Path dir) {
        TrainingConfig c =
                small().withLayers(new LayerSpec.Recurrent(64))
                        .withEncoding(Encoding.SEQUENTIAL)
                        .withSteps(30)
                        .withScore(ScoreMode.SCORE_MEAN_POTENTIAL)
                        .withLossScale(1.0)
                        .withEpochs(3);
        TrainingResult r = new Trainer(c).train(train, test, null);
        assertTrue(
                r.testAccuracy() > 0.45,
                "recurrent test accuracy " + r.testAccuracy() + " (chance 0.1)");
        TrainedNetwork net = r.network();
        assertEquals(LayerKind.RECURRENT_LIF, net.getLayers(0).getKind());
        assertEquals(List.of(64, 64), net.getLayers(0).getRecurrentWeights().getShapeList());
        assertEquals(
                List.of(64, 28),
                net.getLayers(0).getWeights().getShapeList(),
                "one image row per step");
        assertEquals(ScoreMode.SCORE_MEAN_POTENTIAL, net.getScore());
        assertEquals(r.testAccuracy(), roundTripAccuracy(net, dir), 0);
    }

    @Test
    void latencyCodedSpikeCountNetworkLearns(@TempDir Path dir) {
        TrainingConfig c =
                small().withHidden(64)
                        .withEncoding(Encoding.LATENCY)
                        .withSteps(12)
                        .withScore(ScoreMode.SCORE_SPIKE_COUNT)
                        .withLossScale(1.0)
                        .withLearnThresholds(true);
        TrainingResult r = new Trainer(c).train(train, test, null);
        assertTrue(
                r.testAccuracy() > 0.5,
                "spike-count test accuracy " + r.testAccuracy() + " (chance 0.1)");
        assertEquals(
                LayerKind.DENSE_LIF, r.network().getLayers(1).getKind(), "the output layer spikes");
        assertEquals(2, r.firingRates().length, "both layers spike");
        assertEquals(r.testAccuracy(), roundTripAccuracy(r.network(), dir), 0);
    }

    private static double roundTripAccuracy(TrainedNetwork net, Path dir) {
        Path f = dir.resolve("net.sft");
        ArtifactFiles.write(f, net);
        return FloatEvaluator.evaluate(
                        ArtifactFiles.read(f, ArtifactKind.TRAINED_NETWORK), test.limit(300), null)
                .accuracy();
    }

    @Test
    void shapesThatDoNotFitTheDataNameTheSetting() {
        ConfigException kernel =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new Trainer(small().withLayers(new LayerSpec.Conv(4, 30, 0, 2)))
                                        .train(train, test, null));
        assertEquals("layers", kernel.setting());
        assertTrue(
                kernel.getMessage().contains("does not fit the 28x28 input"), kernel.getMessage());
        ConfigException pool =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new Trainer(small().withLayers(new LayerSpec.Conv(4, 4, 0, 2)))
                                        .train(train, test, null));
        assertTrue(
                pool.getMessage().contains("pool 2 does not divide the 25x25"), pool.getMessage());
        ConfigException rows =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new Trainer(
                                                small().withLayers(new LayerSpec.Recurrent(8))
                                                        .withEncoding(Encoding.SEQUENTIAL)
                                                        .withSteps(20))
                                        .train(train, test, null));
        assertEquals("steps", rows.setting());
        assertTrue(rows.getMessage().contains("28 rows"), rows.getMessage());
    }
}
