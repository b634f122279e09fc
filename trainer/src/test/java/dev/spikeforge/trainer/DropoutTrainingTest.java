package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.TrainedNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training with dropout on the slice: reproducible, recorded in the artifact, absent from
 * evaluation.
 */
class DropoutTrainingTest {
    private static LabeledImages train, test;

    @BeforeAll
    static void data() {
        train = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TRAIN, 0);
        test = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TEST, 0);
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults()
                .withHidden(48, 24)
                .withSteps(8)
                .withEncoding(Encoding.DIRECT)
                .withBatch(50)
                .withEpochs(1)
                .withLimit(500)
                .withTestLimit(200)
                .withSeed(11)
                .withDropout(0.2);
    }

    @Test
    void sameSeedSameWeightsAndTheMasksChangeTraining() {
        TrainingResult a = new Trainer(config()).train(train, test, null);
        TrainedNetwork b = new Trainer(config()).train(train, test, null).network();
        assertEquals(
                a.network().getLayersList(),
                b.getLayersList(),
                "same seed and threads: same weights");
        assertEquals(TrainerTest.withoutTimes(a.network()), TrainerTest.withoutTimes(b));
        TrainedNetwork off =
                new Trainer(config().withDropout(0)).train(train, test, null).network();
        assertNotEquals(
                a.network().getLayers(0).getWeights(),
                off.getLayers(0).getWeights(),
                "dropout took part in training");

        assertEquals("0.2", a.network().getProvenance().getHyperparametersOrThrow("dropout"));
        assertFalse(
                off.getProvenance().containsHyperparameters("dropout"),
                "a run without dropout records what it did before");
        // The reported accuracy is the artifact's own, evaluated without any mask.
        FloatEvaluation e =
                FloatEvaluator.evaluate(a.network(), test.limit(200), (done, total) -> {});
        assertEquals(e.accuracy(), a.testAccuracy(), 0.0);
        assertTrue(a.testAccuracy() > 0.4, "it still learns: " + a.testAccuracy());
    }

    @Test
    void probabilityOutsideZeroToOneIsRefusedByName() {
        for (double p : new double[] {1.0, -0.1, Double.NaN}) {
            ConfigException x =
                    assertThrows(
                            ConfigException.class, () -> TrainingConfig.defaults().withDropout(p));
            assertEquals("dropout", x.setting());
            assertTrue(x.getMessage().contains("[0, 1)"), x.getMessage());
        }
        assertEquals(0.0, TrainingConfig.defaults().dropout(), "off by default");
    }
}
