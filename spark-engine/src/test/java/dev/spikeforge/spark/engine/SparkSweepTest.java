package dev.spikeforge.spark.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real in-process Spark (local[2]) writes the local engine's results, cell for cell; a
 * rerun skips finished cells.
 */
class SparkSweepTest {
    @TempDir Path dir;

    private static String[] sweep(Path out, String... engine) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "sweep",
                                "--data-dir",
                                Cli.SLICE,
                                "--limit",
                                "200",
                                "--test-limit",
                                "100",
                                "--epochs",
                                "2",
                                "--surrogates",
                                "fast-sigmoid,gaussian",
                                "--lr",
                                "1e-2",
                                "--hidden",
                                "16",
                                "--steps",
                                "5",
                                "--encoding",
                                "direct",
                                "--batch",
                                "50",
                                "--out",
                                out.toString(),
                                "--json"));
        a.addAll(List.of(engine));
        return a.toArray(String[]::new);
    }

    @Test
    void sameResultsAsTheLocalEngineAndARerunSkipsFinishedCells() throws IOException {
        Path local = dir.resolve("local"), spark = dir.resolve("spark");
        Cli l = Cli.run(sweep(local));
        assertEquals(0, l.exitCode(), l.err());
        Cli s = Cli.run(sweep(spark, "--engine", "spark", "--master", "local[2]"));
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(2, s.json().get("ran").getAsInt());
        assertTrue(s.out().contains("engine spark (local[2,"), s.out());

        // Identical but for the wall-clock seconds each cell took.
        assertEquals(
                withoutSeconds(local.resolve("results.json")),
                withoutSeconds(spark.resolve("results.json")));
        assertEquals(
                csvWithoutSeconds(local.resolve("results.csv")),
                csvWithoutSeconds(spark.resolve("results.csv")));
        assertEquals(
                Files.readString(local.resolve("settings.json")),
                Files.readString(spark.resolve("settings.json")));
        List<Path> cells = new ArrayList<>();
        try (var files = Files.list(spark.resolve("cells"))) {
            files.sorted().forEach(cells::add);
        }
        assertEquals(2, cells.size());
        for (Path c : cells)
            assertEquals(
                    withoutSeconds(local.resolve("cells").resolve(c.getFileName())),
                    withoutSeconds(c),
                    c.toString());

        // Finished cells are not run again; a cell whose file is gone (its run was killed) is the
        // only one redone.
        FileTime kept = Files.getLastModifiedTime(cells.get(0));
        s = Cli.run(sweep(spark, "--engine", "spark", "--master", "local[2]"));
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(0, s.json().get("ran").getAsInt());
        assertEquals(2, s.json().get("reused").getAsInt());
        Files.delete(cells.get(1));
        s = Cli.run(sweep(spark, "--engine", "spark", "--master", "local[2]"));
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(1, s.json().get("ran").getAsInt());
        assertEquals(kept, Files.getLastModifiedTime(cells.get(0)));
        assertEquals(
                withoutSeconds(local.resolve("results.json")),
                withoutSeconds(spark.resolve("results.json")));
    }

    @Test
    void jobsIsRefusedWithSparkByName() {
        Cli s = Cli.run(sweep(dir.resolve("jobs"), "--engine", "spark", "--jobs", "2"));
        assertEquals(64, s.exitCode());
        assertTrue(s.err().contains("--jobs applies to --engine local"), s.err());
    }

    private static JsonElement withoutSeconds(Path json) throws IOException {
        JsonElement e = JsonParser.parseString(Files.readString(json));
        strip(e);
        return e;
    }

    private static void strip(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            o.remove("seconds");
            for (var m : o.entrySet()) strip(m.getValue());
        } else if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) strip(x);
        }
    }

    private static List<String> csvWithoutSeconds(Path csv) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv))
            rows.add(line.substring(0, line.lastIndexOf(',')));
        return rows;
    }
}
