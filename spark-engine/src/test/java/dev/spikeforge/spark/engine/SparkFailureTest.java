package dev.spikeforge.spark.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.engine.TaskFunction;
import dev.spikeforge.cli.engine.TaskListener;
import dev.spikeforge.cli.engine.TasksFailedException;
import dev.spikeforge.cli.sweep.CellResult;
import dev.spikeforge.cli.sweep.CellTask;
import dev.spikeforge.cli.sweep.SweepCell;
import dev.spikeforge.cli.sweep.SweepDirectory;
import dev.spikeforge.cli.sweep.SweepPlan;
import dev.spikeforge.cli.sweep.SweepRunner;
import dev.spikeforge.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that throws is retried by Spark, then reported by name; it stops no other task. */
class SparkFailureTest {
    /** Attempts per task; local[2] shares this JVM, so executors count here. */
    static final Map<Integer, AtomicInteger> TRIES = new ConcurrentHashMap<>();

    private static SparkEngine engine;

    @TempDir Path dir;

    @BeforeAll
    static void start() {
        Properties p = new Properties();
        p.putAll(System.getProperties());
        p.setProperty("spark.task.maxFailures", "2");
        engine = new SparkEngine(SparkSettings.conf("local[2]", "failure test", p));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aFlakyTaskIsRetriedAndABrokenOneReportedAfterItsRetries() throws Exception {
        TaskFunction<Integer, Integer> fn =
                (x, progress) -> {
                    int attempt =
                            TRIES.computeIfAbsent(x, k -> new AtomicInteger()).incrementAndGet();
                    if (x == 1) throw new IllegalStateException("task one always breaks");
                    if (x == 2 && attempt == 1)
                        throw new IllegalStateException("task two breaks once");
                    progress.accept(x);
                    return 10 * x;
                };
        Map<Integer, Integer> results = new TreeMap<>();
        TasksFailedException e =
                assertThrows(
                        TasksFailedException.class,
                        () ->
                                engine.run(
                                        List.of(0, 1, 2, 3),
                                        fn,
                                        new TaskListener<>() {
                                            @Override
                                            public void done(int task, Integer r) {
                                                results.put(task, r);
                                            }
                                        }));
        assertEquals(
                Map.of(0, 0, 2, 20, 3, 30),
                results,
                "the others, the flaky one included, ended and were reported");
        assertEquals(2, TRIES.get(2).get(), "the flaky task was tried again");
        assertEquals(2, TRIES.get(1).get(), "spark.task.maxFailures = 2 attempts");
        assertEquals(1, e.failures().size());
        TasksFailedException.Failure f = e.failures().get(0);
        assertEquals(1, f.task());
        assertEquals(2, f.attempts());
        assertTrue(f.reason().contains("task one always breaks"), f.reason());
    }

    @Test
    void aRunningTaskIsSeenStartingAndItsProgressArrivesWithTheHeartbeats() throws Exception {
        // The test JVM sets spark.executor.heartbeatInterval=1s: a task that runs 3 s is heard from
        // while it runs.
        TaskFunction<Integer, Integer> slow =
                (x, progress) -> {
                    progress.accept(7);
                    Thread.sleep(3000);
                    return x;
                };
        List<String> heard = new ArrayList<>();
        engine.run(
                List.of(5),
                slow,
                new TaskListener<>() {
                    @Override
                    public void started(int task) {
                        heard.add("started " + task);
                    }

                    @Override
                    public void progress(int task, long value) {
                        if (!heard.contains("progress " + task + " " + value))
                            heard.add("progress " + task + " " + value);
                    }

                    @Override
                    public void done(int task, Integer r) {
                        heard.add("done " + task + " " + r);
                    }
                });
        assertEquals(List.of("started 0", "progress 0 7", "done 0 5"), heard);
    }

    @Test
    void aSweepCellThatThrowsIsRetriedThenNamedAndTheOthersAreSaved() throws Exception {
        SweepDirectory sweep = new SweepDirectory(dir);
        SweepPlan plan = new SweepPlan(1, 100, 50, new int[] {8}, 4, "direct", 50, 42, 0.5);
        var train = FashionMnist.load(Path.of(Cli.SLICE), FashionMnist.Split.TRAIN, 100);
        var test = FashionMnist.load(Path.of(Cli.SLICE), FashionMnist.Split.TEST, 50);
        SweepRunner runner =
                new SweepRunner(
                        sweep, engine, new CellTask(plan, engine.share(train), engine.share(test)));
        SweepCell good = new SweepCell("fast-sigmoid", 1, 1, 0, 0.01);
        SweepCell broken =
                new SweepCell(
                        "no-such-shape", 1, 1, 0, 0.01); // its surrogate throws on the executor
        List<SweepCell> cells = List.of(broken, good);
        List<String> events = new ArrayList<>();
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                runner.run(
                                        cells,
                                        cells,
                                        new TaskListener<CellResult>() {
                                            @Override
                                            public void done(int task, CellResult r) {
                                                events.add("done " + cells.get(task).id());
                                            }
                                        }));
        assertTrue(
                e.getMessage()
                        .contains("1 of 2 cell(s) failed: cell " + broken.id() + " (2 attempts)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("run the same command again"), e.getMessage());
        assertEquals(List.of("done " + good.id()), events);
        assertTrue(Files.exists(sweep.cellFile(good)), "the good cell is saved");
        assertFalse(Files.exists(sweep.cellFile(broken)));
    }
}
