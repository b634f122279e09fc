package dev.spikeforge.spark.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulate --dataset and energy --profiles all, their test set split across local[2]'s tasks, equal
 * the single-process run.
 */
class SparkEvaluationTest {
    @TempDir static Path dir;

    static Path trained, compiled;

    @BeforeAll
    static void trainAndCompile() {
        trained = dir.resolve("net.sft");
        compiled = dir.resolve("net.sfc");
        Cli t =
                Cli.run(
                        "train",
                        "--data-dir",
                        Cli.SLICE,
                        "--limit",
                        "200",
                        "--test-limit",
                        "50",
                        "--epochs",
                        "1",
                        "--hidden",
                        "16",
                        "--steps",
                        "5",
                        "--out",
                        trained.toString());
        assertEquals(0, t.exitCode(), t.err());
        Cli c =
                Cli.run(
                        "compile",
                        trained.toString(),
                        "--target",
                        "loihi2",
                        "--validate",
                        "0",
                        "--out",
                        compiled.toString());
        assertEquals(0, c.exitCode(), c.err());
    }

    @Test
    void simulateDatasetSplitAcrossTasksEqualsTheSingleRun() {
        String[] args = {
            "simulate",
            compiled.toString(),
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            Cli.SLICE,
            "--limit",
            "61",
            "--json"
        };
        Cli local = Cli.run(args);
        assertEquals(0, local.exitCode(), local.err());
        Cli spark = Cli.run(concat(args, "--engine", "spark", "--master", "local[2]"));
        assertEquals(0, spark.exitCode(), spark.err());
        assertTrue(local.json().get("spikes_per_inference").getAsDouble() > 0, local.out());
        // every field but how long this host took
        var l = local.json();
        var s = spark.json();
        for (String wallClock : new String[] {"wall_time_s", "events_per_s"}) {
            assertTrue(l.has(wallClock) && s.has(wallClock), wallClock);
            l.remove(wallClock);
            s.remove(wallClock);
        }
        assertEquals(l, s, "accuracy, counts and energy, every other field");
    }

    @Test
    void energyOfEveryProfileSplitAcrossTasksEqualsTheSingleRun() {
        String[] args = {
            "energy",
            trained.toString(),
            "--profiles",
            "all",
            "--data-dir",
            Cli.SLICE,
            "--limit",
            "23",
            "--json"
        };
        Cli local = Cli.run(args);
        assertEquals(0, local.exitCode(), local.err());
        Cli spark = Cli.run(concat(args, "--engine", "spark", "--master", "local[2]"));
        assertEquals(0, spark.exitCode(), spark.err());
        assertTrue(local.json().getAsJsonArray("profiles").size() > 1, local.out());
        assertEquals(local.json(), spark.json(), "every profile's row");
    }

    private static String[] concat(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
