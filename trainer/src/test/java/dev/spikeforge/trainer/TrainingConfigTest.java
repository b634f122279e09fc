package dev.spikeforge.trainer;

import dev.spikeforge.neuron.FixedLif;
import dev.spikeforge.trainer.train.CosineSchedule;
import dev.spikeforge.trainer.train.EpochSchedule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TrainingConfigTest {

    @Test
    void withMethodsChangeOneSettingAndKeepTheRest() {
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig c = d.withHidden(256, 64).withSteps(25).withBatch(32).withEpochs(3).withLearningRate(1e-3)
                .withSeed(5).withThreads(1).withGain(0.5f).withLimit(1000);
        assertArrayEquals(new int[]{256, 64}, c.hidden());
        assertEquals(25, c.steps());
        assertEquals(32, c.batch());
        assertEquals(3, c.epochs());
        assertEquals(1e-3, c.learningRate());
        assertEquals(5, c.seed());
        assertEquals(1, c.threads());
        assertEquals(0.5f, c.gain());
        assertEquals(1000, c.limit());
        assertEquals(d.dv(), c.dv());
        assertEquals(5, c.effectiveEncodingSeed(), "the evaluation encoding follows the seed unless set");
        assertEquals(9, c.withEncodingSeed(9L).effectiveEncodingSeed());
        assertEquals("snn-784-256-64-10", c.networkName(784, 10));
        assertEquals(c, d.withHidden(256, 64).withSteps(25).withBatch(32).withEpochs(3).withLearningRate(1e-3)
                .withSeed(5).withThreads(1).withGain(0.5f).withLimit(1000));
    }

    @Test
    void hiddenNeuronIsOnTheChipGrid() {
        var n = TrainingConfig.defaults().withDv(0.07).hiddenNeuron();
        assertEquals(n.dv(), FixedLif.voltageDecayToFloat(FixedLif.voltageDecayFromFloat(n.dv())), 0);
        assertEquals(1.0, n.du(), 0);
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        TrainingConfig d = TrainingConfig.defaults();
        var e = assertThrows(IllegalArgumentException.class, () -> d.withHidden(100, 100).withSteps(3));
        assertTrue(e.getMessage().contains("steps must be >= 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withBatch(0));
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> d.withDv(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withHidden());
        assertThrows(IllegalArgumentException.class, () -> d.withThreads(0));
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
}
