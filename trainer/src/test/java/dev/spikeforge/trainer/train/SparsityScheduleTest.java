package dev.spikeforge.trainer.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.loss.GradualSparsity;
import org.junit.jupiter.api.Test;

class SparsityScheduleTest {

    @Test
    void zeroUntilAFifthThenLinearToOneAtThreeFifths() {
        SparsitySchedule s = new SparsitySchedule(10); // E/5 = 2, 3E/5 = 6
        assertEquals(0.0, s.weight(0.0));
        assertEquals(0.0, s.weight(1.9));
        assertEquals(0.0, s.weight(2.0));
        assertEquals(0.25, s.weight(3.0), 1e-12);
        assertEquals(0.625, s.weight(4.5), 1e-12);
        assertEquals(1.0, s.weight(6.0));
        assertEquals(1.0, s.weight(9.99));
    }

    @Test
    void updatedEveryBatchAtTheFractionalEpoch() {
        // Epoch 3 of 5 (E/5 = 1, 3E/5 = 3), batch 2 of 4 (0-based): 2.5 epochs done, weight (2.5 −
        // 1)/2 = 0.75
        double progress = new Batch(3, 2, 4).progress();
        assertEquals(2.5, progress, 1e-12);
        GradualSparsity loss = new GradualSparsity(0.05, 2.0, 5);
        loss.atProgress(progress);
        assertEquals(2.0 * 0.75, loss.currentWeight(), 1e-12);
        loss.atProgress(new Batch(3, 3, 4).progress());
        assertEquals(
                2.0 * 0.875, loss.currentWeight(), 1e-12, "the next batch already weighs more");
        loss.atProgress(new Batch(1, 3, 4).progress());
        assertEquals(0.0, loss.currentWeight());
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new GradualSparsity(1.5, 1, 5))
                        .getMessage()
                        .contains("sparsity target"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new GradualSparsity(0.05, 0, 5))
                        .getMessage()
                        .contains("sparsity weight"));
    }
}
