package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.trainer.checkpoint.CheckpointException;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import dev.spikeforge.trainer.input.Augmentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed after an epoch and resumed from its checkpoint ends exactly where an uninterrupted
 * run ends.
 */
class ResumeTest {
    private static LabeledImages train, test;

    @BeforeAll
    static void data() {
        train = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TRAIN, 0);
        test = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TEST, 0);
    }

    /**
     * Learned thresholds and leaks, AdamW, clipping, augmentation and dropout: every piece of
     * optimizer state and every random choice has to come out the same after the restart.
     */
    private static TrainingConfig config() {
        return TrainingConfig.defaults()
                .withHidden(48)
                .withSteps(8)
                .withBatch(50)
                .withEpochs(3)
                .withLimit(500)
                .withTestLimit(100)
                .withEncoding(Encoding.DIRECT)
                .withLearnLeaks(true)
                .withLearnThresholds(true)
                .withWeightDecay(1e-3)
                .withClipNorm(5)
                .withAugmentation(new Augmentation(true, 1))
                .withDropout(0.2)
                .withSeed(3);
    }

    /**
     * Stands in for the process dying right after the checkpoint of the given epoch was written.
     */
    private static final class Kill extends RuntimeException {}

    @Test
    void resumeAfterKillEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        TrainedNetwork whole =
                new Trainer(config())
                        .withRunDirectory(dir.resolve("whole"), Map.of())
                        .train(train, test, null)
                        .network();

        Trainer interrupted =
                new Trainer(config())
                        .withRunDirectory(dir.resolve("killed"), Map.of("note", "kept"));
        assertThrows(
                Kill.class,
                () ->
                        interrupted.train(
                                train,
                                test,
                                new TrainingListener() {
                                    @Override
                                    public void onEpoch(EpochMetrics m) {
                                        if (m.getEpoch() == 2) throw new Kill();
                                    }
                                }));
        TrainingCheckpoint checkpoint = Trainer.readCheckpoint(dir.resolve("killed"));
        assertEquals(2, checkpoint.getEpochsDone());
        assertEquals("kept", checkpoint.getLabelsOrThrow("note"));
        RunDirectory run = new RunDirectory(dir.resolve("killed"));
        assertEquals(3, Files.readAllLines(run.metricsCsv()).size(), "header and two epochs");
        assertTrue(Files.size(run.curves()) > 1000);

        TrainingResult resumed = interrupted.resume(train, test, null);
        assertEquals(
                whole.getLayersList(),
                resumed.network().getLayersList(),
                "same weights, biases and learned neuron parameters");
        assertEquals(TrainerTest.withoutTimes(whole), TrainerTest.withoutTimes(resumed.network()));
        assertEquals(3, resumed.epochs().size());
        assertEquals(3, resumed.epochSeconds().size());
        assertEquals(4, Files.readAllLines(run.metricsCsv()).size());
        // The learned leaks leave the grid while training and are put back on it in the artifact.
        float dv = whole.getLayers(0).getNeuron().getDv();
        assertNotEquals(TrainingConfig.defaults().hiddenNeuron().dv(), dv, 0.0, "dv was learned");
        assertEquals(Math.round(dv * 4096) / 4096.0, dv, 1e-9, "dv is on the chip's 12-bit grid");
    }

    @Test
    void resumingWithOtherSettingsNamesTheDifference(@TempDir Path dir) {
        TrainingConfig c = config().withEpochs(1);
        new Trainer(c).withRunDirectory(dir, Map.of()).train(train, test, null);
        CheckpointException e =
                assertThrows(
                        CheckpointException.class,
                        () ->
                                new Trainer(c.withSteps(9))
                                        .withRunDirectory(dir, Map.of())
                                        .resume(train, test, null));
        assertTrue(
                e.getMessage().contains("checkpoint.sfck")
                        && e.getMessage().contains("steps was 8, now 9"),
                e.getMessage());
    }

    /** Threads are a speed setting: a run started on one thread may go on with two. */
    @Test
    void aRunMayResumeWithMoreThreads(@TempDir Path dir) {
        TrainingConfig c = config().withEpochs(2).withThreads(1);
        Trainer first = new Trainer(c).withRunDirectory(dir, Map.of());
        assertThrows(
                Kill.class,
                () ->
                        first.train(
                                train,
                                test,
                                new TrainingListener() {
                                    @Override
                                    public void onEpoch(EpochMetrics m) {
                                        if (m.getEpoch() == 1) throw new Kill();
                                    }
                                }));
        TrainingResult resumed =
                new Trainer(c.withThreads(2))
                        .withRunDirectory(dir, Map.of())
                        .resume(train, test, null);
        assertEquals(2, resumed.epochs().size());
        TrainingCheckpoint done = Trainer.readCheckpoint(dir);
        assertEquals(2, done.getEpochsDone());
        assertEquals(
                "2",
                done.getHyperparametersOrThrow("threads"),
                "the checkpoint records the threads it went on with");
    }

    @Test
    void corruptCheckpointNamesTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("checkpoint.sfck"), "SFCK but not really");
        CheckpointException e =
                assertThrows(
                        CheckpointException.class,
                        () ->
                                new Trainer(config())
                                        .withRunDirectory(dir, Map.of())
                                        .resume(train, test, null));
        assertTrue(
                e.getMessage().startsWith(dir.resolve("checkpoint.sfck").toString())
                        && e.getMessage().contains("corrupt"),
                e.getMessage());
    }
}
