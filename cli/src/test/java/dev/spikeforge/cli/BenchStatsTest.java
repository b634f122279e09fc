package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench stats against hand-computed Student-t figures. */
class BenchStatsTest {
    @TempDir Path dir;

    // t(0.975, 2) = 4.302652729911275 (tables); for df 2 the two-sided p of t is 1 − t / √(t² + 2).
    private static final double T2 = 4.302652729911275;

    private Path results() throws Exception {
        Path f = dir.resolve("r.jsonl");
        Files.write(
                f,
                List.of(
                        "{\"claim\":\"2\",\"arm\":\"a\",\"seed\":1,\"test_accuracy\":0.80,\"accuracy\":{\"chip_accuracy\":0.5}}",
                        "{\"claim\":\"2\",\"arm\":\"b\",\"seed\":1,\"test_accuracy\":0.79}",
                        "{\"claim\":\"2\",\"arm\":\"a\",\"seed\":2,\"test_accuracy\":0.82}",
                        "{\"claim\":\"2\",\"arm\":\"b\",\"seed\":2,\"test_accuracy\":0.80}",
                        "",
                        "{\"claim\":\"2\",\"arm\":\"a\",\"seed\":3,\"test_accuracy\":0.84}",
                        "{\"claim\":\"2\",\"arm\":\"b\",\"seed\":3,\"test_accuracy\":0.84}",
                        "{\"claim\":\"2\",\"arm\":\"b\",\"seed\":4,\"test_accuracy\":0.50}"));
        return f;
    }

    @Test
    void meansIntervalsAndPairedTestsMatchHandComputedValues() throws Exception {
        Path md = dir.resolve("stats.md");
        CliRunner r =
                CliRunner.run(
                        "bench",
                        "stats",
                        results().toString(),
                        "--metric",
                        "test_accuracy",
                        "--metric",
                        "accuracy.chip_accuracy",
                        "--pair",
                        "a=b",
                        "--out",
                        md.toString(),
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        JsonObject a = j.getAsJsonArray("arms").get(0).getAsJsonObject();
        assertEquals("a", a.get("arm").getAsString());
        assertEquals(3, a.get("seeds").getAsInt());
        assertEquals(0.82, a.get("mean").getAsDouble(), 1e-12);
        assertEquals(0.02, a.get("sd").getAsDouble(), 1e-12);
        assertEquals(0.82 - T2 * 0.02 / Math.sqrt(3), a.get("low").getAsDouble(), 1e-9);
        // One seed: a mean, no interval.
        JsonObject chip = j.getAsJsonArray("arms").get(1).getAsJsonObject();
        assertEquals("accuracy.chip_accuracy", chip.get("metric").getAsString());
        assertTrue(chip.get("low").isJsonNull());
        // Paired over seeds 1-3 only (b's seed 4 has no partner): differences 0.01, 0.02, 0.00.
        JsonArray pairs = j.getAsJsonArray("comparisons");
        assertEquals(1, pairs.size(), "chip accuracy has no baseline values: no comparison");
        JsonObject c = pairs.get(0).getAsJsonObject();
        assertEquals(3, c.getAsJsonArray("seeds").size());
        assertEquals(0.01, c.get("mean_difference").getAsDouble(), 1e-12);
        assertEquals(0.01 + T2 * 0.01 / Math.sqrt(3), c.get("high").getAsDouble(), 1e-9);
        double t = Math.sqrt(3);
        assertEquals(1 - t / Math.sqrt(t * t + 2), c.get("p").getAsDouble(), 1e-9);
        String table = Files.readString(md);
        assertTrue(table.contains("| 2 | a | test_accuracy | 3 | 82.00 % ± 4.97 | 2.00 |"), table);
        assertTrue(
                table.contains(
                        "| a − b | test_accuracy | 3 | +1.00 pt [-1.48 pt, +3.48 pt] | 0.225 | no"
                                + " |"),
                table);
    }

    @Test
    void aBrokenLineIsNamedByNumberAndABadPairIsAUsageError() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.write(
                f,
                List.of(
                        "{\"claim\":\"2\",\"arm\":\"a\",\"seed\":1,\"test_accuracy\":0.8}",
                        "{\"arm\":\"a\",\"seed\":2}"));
        CliRunner r = CliRunner.run("bench", "stats", f.toString(), "--json");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.out().contains("line 2") && r.out().contains("claim"), r.out() + r.err());
        CliRunner p =
                CliRunner.run("bench", "stats", results().toString(), "--pair", "a", "--json");
        assertEquals(64, p.exitCode(), p.err());
        assertTrue(p.out().contains("ARM=BASELINE"), p.out());
    }
}
