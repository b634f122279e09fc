package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.train.CosineSchedule;
import dev.spikeforge.trainer.train.EpochSchedule;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void withMethodsChangeOneSettingAndKeepTheRest() {
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig c =
                d.withHidden(256, 64)
                        .withSteps(25)
                        .withBatch(32)
                        .withEpochs(3)
                        .withLearningRate(1e-3)
                        .withSeed(5)
                        .withThreads(1)
                        .withGain(0.5f)
                        .withLimit(1000)
                        .withWeightDecay(1e-4)
                        .withClipNorm(5)
                        .withEncoding(Encoding.DIRECT)
                        .withScore(ScoreMode.SCORE_MAX_POTENTIAL)
                        .withLearnThresholds(true);
        assertArrayEquals(new int[] {256, 64}, c.hidden());
        assertEquals(25, c.steps());
        assertEquals(32, c.batch());
        assertEquals(3, c.epochs());
        assertEquals(1e-3, c.learningRate());
        assertEquals(5, c.seed());
        assertEquals(1, c.threads());
        assertEquals(0.5f, c.gain());
        assertEquals(1000, c.limit());
        assertEquals(1e-4, c.optimizer().weightDecay());
        assertEquals(5, c.optimizer().clipNorm());
        assertEquals(Encoding.DIRECT, c.input().kind());
        assertEquals(ScoreMode.SCORE_MAX_POTENTIAL, c.loss().score());
        assertTrue(c.neuron().learnThresholds());
        assertFalse(c.neuron().learnLeaks());
        assertEquals(d.neuron().dv(), c.neuron().dv());
        assertEquals(
                5,
                c.effectiveEncodingSeed(),
                "the evaluation encoding follows the seed unless set");
        assertEquals(9, c.withEncodingSeed(9L).effectiveEncodingSeed());
        assertEquals("snn-784-256-64-10", c.networkName(784, 10));
        assertEquals(
                "snn-784-c16-r32-10",
                c.withLayers(new LayerSpec.Conv(16, 5, 0, 2), new LayerSpec.Recurrent(32))
                        .networkName(784, 10));
        assertEquals(
                "adamw(beta1=0.9, beta2=0.999, eps=1.0E-8, weight_decay=1.0E-4)",
                c.hyperparameters().get("optimizer"));
        assertEquals(
                c,
                d.withHidden(256, 64)
                        .withSteps(25)
                        .withBatch(32)
                        .withEpochs(3)
                        .withLearningRate(1e-3)
                        .withSeed(5)
                        .withThreads(1)
                        .withGain(0.5f)
                        .withLimit(1000)
                        .withWeightDecay(1e-4)
                        .withClipNorm(5)
                        .withEncoding(Encoding.DIRECT)
                        .withScore(ScoreMode.SCORE_MAX_POTENTIAL)
                        .withLearnThresholds(true));
    }

    @Test
    void hiddenNeuronIsOnTheChipGrid() {
        var n = TrainingConfig.defaults().withDv(0.07).hiddenNeuron();
        assertEquals(n.dv(), CubaLif.voltageDecayToFloat(CubaLif.voltageDecayFromFloat(n.dv())), 0);
        assertEquals(1.0, n.du(), 0);
    }

    @Test
    void rejectsSettingsThatCannotWorkNamingTheSetting() {
        TrainingConfig d = TrainingConfig.defaults();
        assertSetting("steps", "must be >= 4", () -> d.withHidden(100, 100).withSteps(3));
        assertSetting("batch", "must be >= 1", () -> d.withBatch(0));
        assertSetting("learning_rate", "must be > 0", () -> d.withLearningRate(0));
        assertSetting("dv", "[0, 1]", () -> d.withDv(1.5));
        assertSetting("layers", "at least one hidden layer", () -> d.withHidden());
        assertSetting("threads", ">= 1", () -> d.withThreads(0));
        assertSetting("weight_decay", ">= 0", () -> d.withWeightDecay(-1));
        assertSetting(
                "layers",
                "conv layers must come first",
                () -> d.withLayers(new LayerSpec.Dense(10), new LayerSpec.Conv(4, 3, 0, 2)));
        assertSetting(
                "encoding",
                "sequential",
                () ->
                        d.withLayers(new LayerSpec.Conv(4, 3, 0, 2))
                                .withEncoding(Encoding.SEQUENTIAL));
    }

    private static void assertSetting(
            String setting, String text, org.junit.jupiter.api.function.Executable e) {
        ConfigException x = assertThrows(ConfigException.class, e);
        assertEquals(setting, x.setting());
        assertTrue(x.getMessage().contains(text), x.getMessage());
    }

    @Test
    void schedules() {
        assertEquals(0.01, EpochSchedule.CONSTANT.learningRate(3, 5, 0.01));
        CosineSchedule c = new CosineSchedule(0.1);
        assertEquals(0.01, c.learningRate(1, 3, 0.01), 1e-15);
        assertEquals(0.0055, c.learningRate(2, 3, 0.01), 1e-15);
        assertEquals(0.001, c.learningRate(3, 3, 0.01), 1e-15);
        assertEquals(0.01, c.learningRate(1, 1, 0.01), 1e-15);
    }

    /**
     * Hand-counted: layer l is first driven on step l + 1 and reaches the readout's last step up to
     * T − L + l.
     */
    @Test
    void scoredSpikeStepsAreTheWindowLeftByTheDelays() {
        assertEquals(
                23,
                TrainingConfig.defaults().withHidden(400).withSteps(25).scoredSpikeSteps(),
                "784-400-10, T = 25: steps 1..23");
        TrainingConfig conv =
                TrainingConfig.defaults()
                        .withSteps(6)
                        .withLayers(
                                new LayerSpec.Conv(32, 5, 0, 2),
                                new LayerSpec.Conv(64, 5, 0, 2),
                                new LayerSpec.Dense(256));
        assertEquals(
                2,
                conv.scoredSpikeSteps(),
                "conv0 on steps 1..2, conv1 2..3, dense 3..4, readout's last step 5");
        assertEquals(4, conv.withSteps(8).scoredSpikeSteps());
    }
}
