package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.trainer.checkpoint.CheckpointFile;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.extension.Resumption;
import dev.spikeforge.trainer.extension.TrainingContext;
import dev.spikeforge.trainer.extension.TrainingExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training method written as one class plugs into the loop, sees the documented order and keeps
 * its state over a resume.
 */
class TrainingExtensionTest {
    private static LabeledImages train, test;

    @BeforeAll
    static void data() {
        train = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TRAIN, 0);
        test = FashionMnist.load(TrainerTest.SLICE, FashionMnist.Split.TEST, 0);
    }

    /** 2 epochs of 3 batches. */
    private static TrainingConfig tiny() {
        return TrainingConfig.defaults()
                .withHidden(16)
                .withSteps(5)
                .withBatch(50)
                .withEpochs(2)
                .withLimit(150)
                .withTestLimit(50)
                .withEncoding(Encoding.DIRECT)
                .withSeed(9)
                .withThreads(1);
    }

    /**
     * Writes down every callback as "name tag [epoch.batch/count]", into a log shared with other
     * recorders.
     */
    private static final class Recorder implements TrainingExtension {
        final String tag;
        final List<String> log;
        Path runDir;
        final List<Integer> checkpointedEpochs = new ArrayList<>();

        Recorder(String tag, List<String> log) {
            this.tag = tag;
            this.log = log;
        }

        @Override
        public String id() {
            return "recorder-" + tag;
        }

        private void add(String event) {
            log.add(event + " " + tag);
        }

        private static String at(Batch b) {
            return " " + b.epoch() + "." + b.index() + "/" + b.count();
        }

        @Override
        public EngineOptions configure(EngineOptions options) {
            add("configure");
            return options;
        }

        @Override
        public void beforeTraining(TrainingContext context) {
            assertNotNull(
                    context.options().perLayer(),
                    "configure ran first: the surrogate controller's options are in place");
            add("beforeTraining");
        }

        @Override
        public void resume(Resumption from) {
            add("resume");
        }

        @Override
        public void beforeEpoch(int epoch, int epochs) {
            add("beforeEpoch " + epoch + "/" + epochs);
        }

        @Override
        public void beforeBatch(Batch batch) {
            add("beforeBatch" + at(batch));
        }

        @Override
        public void afterBackward(Batch batch) {
            add("afterBackward" + at(batch));
        }

        @Override
        public void afterBatch(Batch batch, double loss, double firingRate) {
            assertTrue(Double.isFinite(loss));
            add("afterBatch" + at(batch));
        }

        @Override
        public void afterEpoch(EpochMetrics.Builder metrics) {
            metrics.putExtra("seen_by_" + tag, metrics.getEpoch());
            add("afterEpoch " + metrics.getEpoch());
        }

        @Override
        public Map<String, String> checkpointState() {
            add("checkpointState");
            return Map.of();
        }

        @Override
        public void epochComplete(EpochMetrics metrics) {
            // The checkpoint of this epoch is already on disk.
            if (runDir != null)
                checkpointedEpochs.add(Trainer.readCheckpoint(runDir).getEpochsDone());
            add("epochComplete " + metrics.getEpoch());
        }

        @Override
        public <T> T deployed(Supplier<T> work) {
            add("deployed{");
            T t = work.get();
            add("}deployed");
            return t;
        }

        @Override
        public void finalMetrics(Map<String, Double> metrics) {
            metrics.put("final_by_" + tag, 1.0);
            add("finalMetrics");
        }

        @Override
        public void provenance(Map<String, String> hyperparameters) {
            hyperparameters.put("extension_" + tag, "on");
            add("provenance");
        }
    }

    /**
     * The documented order for two extensions A then B: "after backward" reversed, "deployed"
     * nested A outside B.
     */
    private static List<String> expectedOrder(int epochs, int batches) {
        List<String> e = new ArrayList<>();
        both(e, "configure");
        both(e, "beforeTraining");
        for (int epoch = 1; epoch <= epochs; epoch++) {
            both(e, "beforeEpoch " + epoch + "/" + epochs);
            for (int b = 0; b < batches; b++) {
                String at = " " + epoch + "." + b + "/" + batches;
                both(e, "beforeBatch" + at);
                e.add("afterBackward" + at + " B");
                e.add("afterBackward" + at + " A");
                both(e, "afterBatch" + at);
            }
            nestedDeployed(e); // the epoch's test evaluation
            both(e, "afterEpoch " + epoch);
            both(e, "checkpointState");
            both(e, "epochComplete " + epoch);
        }
        both(e, "finalMetrics");
        both(e, "provenance");
        nestedDeployed(e); // the export
        return e;
    }

    private static void both(List<String> e, String event) {
        e.add(event + " A");
        e.add(event + " B");
    }

    private static void nestedDeployed(List<String> e) {
        e.addAll(List.of("deployed{ A", "deployed{ B", "}deployed B", "}deployed A"));
    }

    @Test
    void aCustomExtensionSeesEveryCallbackInTheDocumentedOrderWithOneBatchNumbering(
            @TempDir Path dir) throws Exception {
        List<String> log = new ArrayList<>();
        Recorder a = new Recorder("A", log), b = new Recorder("B", log);
        a.runDir = dir;
        TrainingResult r =
                new Trainer(tiny())
                        .withRunDirectory(dir, Map.of())
                        .withExtension(a)
                        .withExtension(b)
                        .train(train, test, null);

        assertEquals(expectedOrder(2, 3), log);
        assertEquals(
                List.of(1, 2),
                a.checkpointedEpochs,
                "epochComplete comes after the epoch's checkpoint is written");
        for (EpochMetrics m : r.epochs())
            assertEquals(m.getEpoch(), m.getExtraOrThrow("seen_by_A"));
        assertEquals(1.0, r.network().getProvenance().getMetricsOrThrow("final_by_B"));
        assertEquals("on", r.network().getProvenance().getHyperparametersOrThrow("extension_A"));
        assertTrue(
                Files.readString(new RunDirectory(dir).metricsCsv()).contains("seen_by_B"),
                "extension metrics reach the metrics files");
    }

    /** Counts the batches it has trained through; the count is its checkpoint state. */
    private static final class BatchCounter implements TrainingExtension {
        int batches;
        Map<String, String> resumedWith;

        @Override
        public void resume(Resumption from) {
            resumedWith = from.state();
            batches = Integer.parseInt(from.state().getOrDefault("batches", "0"));
        }

        @Override
        public void afterBatch(Batch batch, double loss, double firingRate) {
            batches++;
        }

        @Override
        public Map<String, String> checkpointState() {
            return Map.of("batches", Integer.toString(batches));
        }
    }

    private static final class Kill extends RuntimeException {}

    private static void trainUntilKilledAfterEpoch1(Trainer t) {
        assertThrows(
                Kill.class,
                () ->
                        t.train(
                                train,
                                test,
                                new TrainingListener() {
                                    @Override
                                    public void onEpoch(EpochMetrics m) {
                                        throw new Kill();
                                    }
                                }));
    }

    @Test
    void anExtensionsCheckpointStateSurvivesResume(@TempDir Path dir) {
        BatchCounter before = new BatchCounter();
        trainUntilKilledAfterEpoch1(
                new Trainer(tiny()).withRunDirectory(dir, Map.of()).withExtension(before));
        assertEquals(3, before.batches);
        TrainingCheckpoint checkpoint = Trainer.readCheckpoint(dir);
        assertEquals(
                Map.of("batches", "3"),
                checkpoint.getExtensionStateOrThrow(BatchCounter.class.getName()).getValuesMap());

        BatchCounter after =
                new BatchCounter(); // a new process: a new instance, state only from the checkpoint
        new Trainer(tiny())
                .withRunDirectory(dir, Map.of())
                .withExtension(after)
                .resume(train, test, null);
        assertEquals(Map.of("batches", "3"), after.resumedWith);
        assertEquals(6, after.batches, "3 batches before the kill, 3 after");
    }

    @Test
    void aCheckpointWrittenBeforeExtensionStateResumesWithEmptyState(@TempDir Path dir) {
        trainUntilKilledAfterEpoch1(
                new Trainer(tiny())
                        .withRunDirectory(dir, Map.of())
                        .withExtension(new BatchCounter()));
        Path file = new RunDirectory(dir).checkpoint();
        // What an older trainer wrote: no extension_state field at all.
        CheckpointFile.write(
                file, CheckpointFile.read(file).toBuilder().clearExtensionState().build());

        BatchCounter after = new BatchCounter();
        TrainingResult r =
                new Trainer(tiny())
                        .withRunDirectory(dir, Map.of())
                        .withExtension(after)
                        .resume(train, test, null);
        assertEquals(Map.of(), after.resumedWith);
        assertEquals(3, after.batches, "counted only the epoch after the resume");
        assertEquals(2, r.epochs().size());
    }
}
