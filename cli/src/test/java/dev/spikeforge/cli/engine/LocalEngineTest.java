package dev.spikeforge.cli.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The in-process engine: every task's result reaches the driver; a failing task is reported after
 * the others ended.
 */
class LocalEngineTest {

    @Test
    void resultsProgressAndAFailureReportedAfterTheOthers() {
        Map<Integer, Integer> results = new TreeMap<>();
        List<String> progress = new ArrayList<>();
        TaskFunction<Integer, Integer> square =
                (x, report) -> {
                    if (x == 3) throw new IllegalStateException("three is bad");
                    report.accept(x);
                    return x * x;
                };
        try (Engine e = new LocalEngine(2)) {
            TasksFailedException f =
                    assertThrows(
                            TasksFailedException.class,
                            () ->
                                    e.run(
                                            List.of(0, 1, 2, 3, 4),
                                            square,
                                            new TaskListener<>() {
                                                @Override
                                                public void progress(int task, long value) {
                                                    progress.add(task + ":" + value);
                                                }

                                                @Override
                                                public void done(int task, Integer r) {
                                                    results.put(task, r);
                                                }
                                            }));
            assertEquals(
                    List.of(new TasksFailedException.Failure(3, 1, "three is bad")), f.failures());
            assertTrue(f.getMessage().contains("task 3 (1 attempt): three is bad"), f.getMessage());
        }
        assertEquals(Map.of(0, 0, 1, 1, 2, 4, 4, 16), results, "the other tasks ran to the end");
        assertTrue(progress.containsAll(List.of("1:1", "4:4")), progress.toString());
    }

    @Test
    void splitCoversEverySampleOnce() {
        assertEquals(
                List.of(
                        new DatasetEvaluation.Range(0, 3),
                        new DatasetEvaluation.Range(3, 6),
                        new DatasetEvaluation.Range(6, 10)),
                DatasetEvaluation.split(10, 3));
        assertEquals(
                List.of(new DatasetEvaluation.Range(0, 1), new DatasetEvaluation.Range(1, 2)),
                DatasetEvaluation.split(2, 8));
        assertEquals(List.of(new DatasetEvaluation.Range(0, 0)), DatasetEvaluation.split(0, 4));
    }
}
