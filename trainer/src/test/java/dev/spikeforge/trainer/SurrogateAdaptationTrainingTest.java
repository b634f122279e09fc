package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.adapt.AdaLiSchedule;
import dev.spikeforge.trainer.adapt.ChiAdaptation;
import dev.spikeforge.trainer.adapt.SurrogateAdaptation;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.Gaussian;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AdaLi schedules and chi adaptation inside real (tiny) training runs: metrics, provenance, resume.
 */
class SurrogateAdaptationTrainingTest {
    private static LabeledImages train, test;

    @BeforeAll
    static void data() {
        train = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TRAIN, 0);
        test = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TEST, 0);
    }

    private static TrainingConfig small() {
        return TrainingConfig.defaults()
                .withHidden(24, 12)
                .withSteps(5)
                .withBatch(50)
                .withEpochs(3)
                .withLimit(150)
                .withTestLimit(50)
                .withEncoding(Encoding.DIRECT)
                .withSeed(5)
                .withEvaluateEachEpoch(false);
    }

    @Test
    void adaLiPowerScheduleIsWhatEachEpochUsed() {
        TrainingConfig c = small().withSurrogate(new AdaLi(1.5, 1.5));
        TrainingResult r = new Trainer(c).train(train, test, null);
        AdaLiSchedule p = AdaLiSchedule.DEFAULT;
        for (EpochMetrics m : r.epochs()) {
            for (String layer : List.of("hidden0", "hidden1")) {
                assertEquals(
                        p.window(m.getEpoch(), 3), m.getExtraOrThrow("adali_left_" + layer), 1e-12);
                assertEquals(
                        p.window(m.getEpoch(), 3),
                        m.getExtraOrThrow("adali_right_" + layer),
                        1e-12);
                double share = m.getExtraOrThrow("window_share_" + layer);
                assertTrue(share > 0 && share < 1, "share " + share);
                assertEquals(share, m.getExtraOrThrow("chi_" + layer), 0);
                assertTrue(
                        m.getExtraOrThrow("v_q1_" + layer)
                                <= m.getExtraOrThrow("v_median_" + layer));
                assertTrue(
                        m.getExtraOrThrow("v_median_" + layer)
                                <= m.getExtraOrThrow("v_q3_" + layer));
            }
        }
        TrainedNetwork n = r.network();
        assertEquals("adali", n.getProvenance().getSurrogate().getShape());
        assertEquals(
                "power from 1.5 to 0.3",
                n.getProvenance().getHyperparametersOrThrow("adali_schedule"));
        assertEquals(0.3, n.getProvenance().getMetricsOrThrow("final_adali_left_hidden0"), 1e-12);
    }

    @Test
    void chiAdaptationWidensAQuietLayerAndKeepsTheArea() {
        // A narrow gaussian leaves almost every potential without gradient: chi far below 0.9, so
        // every epoch
        // widens each layer by 1.25, the area γ/s staying 0.1.
        Gaussian g = new Gaussian(0.4, 4.0);
        TrainingConfig c =
                small().withSurrogate(g)
                        .withSurrogateAdaptation(
                                SurrogateAdaptation.NONE.withChi(new ChiAdaptation(0.9, 1.0)));
        TrainingResult r = new Trainer(c).train(train, test, null);
        for (EpochMetrics m : r.epochs()) {
            double factor = Math.pow(1.25, m.getEpoch() - 1);
            assertEquals(factor, m.getExtraOrThrow("width_factor_hidden0"), 1e-12);
            assertEquals(4.0 / factor, m.getExtraOrThrow("sharpness_hidden0"), 1e-12);
            assertEquals(
                    0.1,
                    m.getExtraOrThrow("dampening_hidden0") / m.getExtraOrThrow("sharpness_hidden0"),
                    1e-12);
            assertTrue(m.getExtraOrThrow("chi_hidden0") < 0.9);
        }
        assertTrue(
                r.epochs().get(2).getExtraOrThrow("chi_hidden0")
                        > r.epochs().get(0).getExtraOrThrow("chi_hidden0"),
                "wider, more gradient");
        Map<String, Double> metrics = r.network().getProvenance().getMetricsMap();
        assertEquals(4.0 / 1.5625, metrics.get("final_sharpness_hidden0"), 1e-12);
        assertTrue(
                r.network()
                        .getProvenance()
                        .getHyperparametersOrThrow("chi_adapt")
                        .startsWith("0.9,1.0"));
        assertEquals(
                "0.05", r.network().getProvenance().getHyperparametersOrThrow("chi_tolerance"));
        for (EpochMetrics m : r.epochs()) assertEquals(0.05, m.getExtraOrThrow("chi_tolerance"), 0);
    }

    @Test
    void chiToleranceIsWhatChiIsCountedAgainstAndIsRecorded() {
        // Epoch 1 runs the same weights and surrogate whatever the tolerance, so only the counting
        // differs: the
        // gaussian's radius shrinks from √(ln 20/π)/s to √(ln(1/0.3)/π)/s and fewer neuron-steps
        // count.
        TrainingConfig c = small().withEpochs(1).withSurrogate(new Gaussian(1.0, 1.0));
        TrainingResult byDefault = new Trainer(c).train(train, test, null);
        TrainingResult strict =
                new Trainer(
                                c.withSurrogateAdaptation(
                                        SurrogateAdaptation.NONE.withChiTolerance(0.3)))
                        .train(train, test, null);
        EpochMetrics d = byDefault.epochs().get(0), t = strict.epochs().get(0);
        assertEquals(d.getLoss(), t.getLoss(), 0, "the tolerance changes no training");
        for (String layer : List.of("hidden0", "hidden1")) {
            assertTrue(
                    t.getExtraOrThrow("chi_" + layer) < d.getExtraOrThrow("chi_" + layer), layer);
            assertTrue(t.getExtraOrThrow("chi_" + layer) > 0, layer);
        }
        assertEquals(0.3, t.getExtraOrThrow("chi_tolerance"), 0);
        assertEquals(
                "0.3", strict.network().getProvenance().getHyperparametersOrThrow("chi_tolerance"));
        assertFalse(
                strict.network().getProvenance().containsHyperparameters("chi_adapt"),
                "chi adaptation stays off");
        String bad =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SurrogateAdaptation.NONE.withChiTolerance(1.0))
                        .getMessage();
        assertTrue(bad.contains("--chi-tolerance"), bad);
    }

    /** Stands in for the process dying after the checkpoint of epoch 2. */
    private static final class Kill extends RuntimeException {}

    @Test
    void autoModeAndChiResumeToTheSameWeights(@TempDir Path dir) throws Exception {
        TrainingConfig c =
                small().withSurrogate(new AdaLi(1.5, 1.5))
                        .withSurrogateAdaptation(
                                new SurrogateAdaptation(
                                        AdaLiSchedule.parse("auto"), new ChiAdaptation(0.1, 0.3)));
        TrainedNetwork whole = new Trainer(c).train(train, test, null).network();
        Trainer killed = new Trainer(c).withRunDirectory(dir, Map.of());
        assertThrows(
                Kill.class,
                () ->
                        killed.train(
                                train,
                                test,
                                new TrainingListener() {
                                    @Override
                                    public void onEpoch(EpochMetrics m) {
                                        if (m.getEpoch() == 2) throw new Kill();
                                    }
                                }));
        TrainingResult resumed = killed.resume(train, test, null);
        assertEquals(whole.getLayersList(), resumed.network().getLayersList());
        EpochMetrics e2 = resumed.epochs().get(1), e3 = resumed.epochs().get(2);
        // epoch 3's window came from epoch 2's quartiles (θ = 1), clamped to [0.3, 1.5], times the
        // chi factor
        double q1 = e2.getExtraOrThrow("v_q1_hidden0"), q3 = e2.getExtraOrThrow("v_q3_hidden0");
        double factor = e3.getExtraOrThrow("width_factor_hidden0");
        assertEquals(
                Math.max(0.3, Math.min(1.5, 1 - q1)) * factor,
                e3.getExtraOrThrow("adali_left_hidden0"),
                1e-9);
        assertEquals(
                Math.max(0.3, Math.min(1.5, q3 - 1)) * factor,
                e3.getExtraOrThrow("adali_right_hidden0"),
                1e-9);
        String csv = Files.readString(new RunDirectory(dir).metricsCsv());
        for (String col :
                List.of(
                        "chi_hidden0",
                        "v_q1_hidden1",
                        "window_share_hidden0",
                        "adali_left_hidden1")) assertTrue(csv.contains(col), col);
        assertTrue(
                Files.readString(new RunDirectory(dir).metricsJson()).contains("\"chi_hidden1\""));
    }
}
