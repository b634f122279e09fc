package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the real-data slice, as a user runs it: it must learn, be reproducible and produce a
 * valid artifact.
 */
class TrainerTest {
    static final Path SLICE = Path.of("../testdata/fashion-mnist-slice");
    static LabeledImages train, test;
    private static TrainingResult result;
    private static final List<Double> batchLosses = new ArrayList<>();
    private static final List<EpochMetrics> epochEvents = new ArrayList<>();

    /** Small and quick, but the real thing: 2000 training images, 2 epochs, 500 test images. */
    static TrainingConfig sliceConfig() {
        return TrainingConfig.demo()
                .withHidden(96)
                .withSteps(16)
                .withBatch(64)
                .withEpochs(2)
                .withLearningRate(3e-3)
                .withSeed(7);
    }

    @BeforeAll
    static void trainOnce() {
        train = FashionMnist.load(SLICE, FashionMnist.Split.TRAIN, 0);
        test = FashionMnist.load(SLICE, FashionMnist.Split.TEST, 0);
        result =
                new Trainer(sliceConfig())
                        .train(
                                train,
                                test,
                                new TrainingListener() {
                                    @Override
                                    public void onBatch(
                                            int epoch,
                                            int batch,
                                            int batches,
                                            double loss,
                                            double firingRate) {
                                        assertTrue(batch >= 1 && batch <= batches && epoch >= 1);
                                        assertTrue(firingRate >= 0 && firingRate <= 1);
                                        batchLosses.add(loss);
                                    }

                                    @Override
                                    public void onEpoch(EpochMetrics m) {
                                        epochEvents.add(m);
                                    }
                                });
    }

    @Test
    void learnsOnTheSlice() {
        assertEquals(2, epochEvents.size());
        assertEquals(2 * (2000 / 64), batchLosses.size());
        double firstLoss = epochEvents.get(0).getLoss(), lastLoss = epochEvents.get(1).getLoss();
        assertTrue(lastLoss < firstLoss, "loss should fall: " + firstLoss + " -> " + lastLoss);
        double early =
                batchLosses.subList(0, 5).stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow();
        double late =
                batchLosses.subList(batchLosses.size() - 5, batchLosses.size()).stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow();
        assertTrue(late < 0.6 * early, "batch loss should fall clearly: " + early + " -> " + late);
        assertTrue(
                result.testAccuracy() > 0.7,
                "test accuracy " + result.testAccuracy() + " (chance is 0.1)");
        assertTrue(result.trainAccuracy() > 0.5, "train accuracy " + result.trainAccuracy());
        assertEquals(2, result.epochSeconds().size());
        assertEquals(1, result.firingRates().length);
        assertTrue(
                result.firingRates()[0] > 0.001 && result.firingRates()[0] < 0.5,
                "firing rate " + result.firingRates()[0]);
        assertTrue(result.synapticOpsPerSample() > 0);
    }

    @Test
    void artifactDescribesTheNetworkAndItsOrigin() {
        TrainedNetwork net = result.network();
        assertEquals("snn-784-96-10", net.getName());
        assertEquals(16, net.getInput().getSteps());
        assertEquals(7, net.getInput().getEncodingSeed());
        assertEquals(2, net.getLayersCount());
        TrainedLayer hidden = net.getLayers(0), readout = net.getLayers(1);
        assertEquals(LayerKind.DENSE_LIF, hidden.getKind());
        assertEquals(LayerKind.READOUT, readout.getKind());
        assertEquals(List.of(96, 784), hidden.getWeights().getShapeList());
        assertEquals(96 * 784, hidden.getWeights().getValuesCount());
        assertEquals(List.of(10, 96), readout.getWeights().getShapeList());
        assertEquals(96, hidden.getBias().getValuesCount());
        assertEquals(1.0f, hidden.getNeuron().getDu());
        assertEquals(TrainingConfig.demo().hiddenNeuron().dv(), hidden.getNeuron().getDv(), 1e-7);

        var p = net.getProvenance();
        assertTrue(p.getToolVersion().startsWith("spikeforge-trainer "), p.getToolVersion());
        assertFalse(
                p.getToolVersion().contains("${"),
                "version must be filtered in: " + p.getToolVersion());
        assertTrue(p.getCreatedAt().endsWith("Z"));
        assertEquals(7, p.getSeed());
        assertEquals("fashion-mnist", p.getDataset());
        assertEquals(2000, p.getTrainSamples());
        assertEquals(500, p.getTestSamples());
        assertEquals("fast-sigmoid", p.getSurrogate().getShape());
        assertEquals("[96]", p.getHyperparametersMap().get("hidden"));
        assertEquals("rate", p.getHyperparametersMap().get("encoding"));
        assertEquals(result.testAccuracy(), p.getMetricsMap().get("test_accuracy"), 0);
        assertEquals(result.firingRates()[0], p.getMetricsMap().get("mean_firing_rate"), 1e-12);
        assertEquals(2, p.getEpochsCount());
        assertEquals(2, p.getEpochs(1).getEpoch());
        assertEquals(result.testAccuracy(), p.getEpochs(1).getTestAccuracy(), 0);
    }

    @Test
    void artifactRoundTripsEvaluatesToTheSameAccuracyAndCompiles(@TempDir Path dir) {
        Path file = dir.resolve("fashion.sft");
        ArtifactFiles.write(file, result.network());
        TrainedNetwork back = ArtifactFiles.read(file, ArtifactKind.TRAINED_NETWORK);
        assertEquals(result.network(), back);

        FloatEvaluation e = FloatEvaluator.evaluate(back, test, null);
        assertEquals(
                result.testAccuracy(),
                e.accuracy(),
                0,
                "the artifact alone must reproduce the trainer's test accuracy");
        assertEquals(result.synapticOpsPerSample(), e.synapticOpsPerSample(), 1e-6);
        assertArrayEquals(result.firingRates(), e.firingRates(), 1e-12);
        assertEquals(500, e.predictions().length);

        CompiledNetwork chip = Compiler.compile(back, ChipProfiles.load("loihi1"));
        assertEquals(2, chip.getLayersCount());
        assertTrue(chip.getReport().getCoresUsed() > 0);
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalWeights() {
        TrainingConfig c = sliceConfig().withLimit(600).withTestLimit(100).withEpochs(1);
        TrainedNetwork a = new Trainer(c).train(train, test, null).network();
        TrainedNetwork b = new Trainer(c).train(train, test, null).network();
        assertEquals(a.getLayersList(), b.getLayersList());
        assertEquals(withoutTimes(a), withoutTimes(b), "metrics other than timings");
        TrainedNetwork other = new Trainer(c.withSeed(8)).train(train, test, null).network();
        assertNotEquals(a.getLayers(0).getWeights(), other.getLayers(0).getWeights());
    }

    static Map<String, Double> withoutTimes(TrainedNetwork n) {
        Map<String, Double> m = new TreeMap<>(n.getProvenance().getMetricsMap());
        m.keySet().removeIf(k -> k.endsWith("seconds"));
        return m;
    }
}
