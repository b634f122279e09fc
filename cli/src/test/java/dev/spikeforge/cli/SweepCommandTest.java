package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `spikeforge sweep` on a data slice: the 2×2 grid's tables and heat map, then resuming without
 * redoing finished cells.
 */
class SweepCommandTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    private static final Set<String> SNAKE_FIELDS =
            Set.of(
                    "shape",
                    "dampening",
                    "sharpness",
                    "tail_fatness",
                    "lr",
                    "final_accuracy",
                    "train_accuracy",
                    "spikes_per_sample",
                    "epochs_to_target",
                    "diverged",
                    "diverged_reason",
                    "test_accuracy_per_epoch",
                    "seconds");

    @TempDir Path dir;

    private List<String> args(Path out, String epochs) {
        return new ArrayList<>(
                List.of(
                        "sweep",
                        "--data-dir",
                        SLICE,
                        "--limit",
                        "200",
                        "--test-limit",
                        "100",
                        "--epochs",
                        epochs,
                        "--surrogates",
                        "fast-sigmoid,gaussian",
                        "--lr",
                        "1e-3,1e-2",
                        "--dampening",
                        "0.5",
                        "--sharpness",
                        "1.0",
                        "--hidden",
                        "24",
                        "--steps",
                        "5",
                        "--encoding",
                        "direct",
                        "--batch",
                        "50",
                        "--target-accuracy",
                        "0.3",
                        "--out",
                        out.toString(),
                        "--json"));
    }

    @Test
    void gridTablesHeatMapAndResume() throws Exception {
        Path out = dir.resolve("sweep");
        CliRunner r = CliRunner.run(args(out, "1").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals(4, j.get("ran").getAsInt());
        assertEquals(0, j.get("reused").getAsInt());
        JsonArray cells = j.getAsJsonArray("cells");
        assertEquals(4, cells.size());

        List<String> csv = Files.readAllLines(Path.of(j.get("csv").getAsString()));
        assertTrue(
                csv.get(0)
                        .startsWith(
                                "shape,dampening,sharpness,tail_fatness,lr,final_accuracy,train_accuracy,spikes_per_sample,epochs_to_target,diverged"));
        assertEquals(5, csv.size(), "header and one row per cell");
        JsonArray table =
                JsonParser.parseString(Files.readString(Path.of(j.get("json").getAsString())))
                        .getAsJsonObject()
                        .getAsJsonArray("cells");
        assertEquals(4, table.size());
        // results.json names its fields like the --json line and results.csv
        assertEquals(SNAKE_FIELDS, table.get(0).getAsJsonObject().keySet());
        byte[] png = Files.readAllBytes(Path.of(j.get("heatmap").getAsString()));
        assertTrue(png.length > 2000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
        // Readable like any new file (0644 under the usual umask), not a temp file's 0600.
        Set<PosixFilePermission> plain =
                Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        for (String f : List.of("csv", "json", "heatmap", "settings")) {
            assertEquals(plain, Files.getPosixFilePermissions(Path.of(j.get(f).getAsString())), f);
        }

        Map<String, FileTime> written = new HashMap<>();
        for (JsonElement e : cells) {
            JsonObject c = e.getAsJsonObject();
            assertEquals(0.5, c.get("dampening").getAsDouble());
            double acc = c.get("final_accuracy").getAsDouble();
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
            Path f = Path.of(c.get("file").getAsString());
            JsonObject saved = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
            assertEquals(
                    SNAKE_FIELDS, saved.keySet(), "the cell file names its fields like the table");
            assertEquals(plain, Files.getPosixFilePermissions(f));
            assertEquals(
                    acc,
                    saved.get("final_accuracy").getAsDouble(),
                    0,
                    "the table shows what the cell file holds");
            assertEquals(1, saved.getAsJsonArray("test_accuracy_per_epoch").size());
            // epochs_to_target is 1 exactly when the one epoch reached 30 % (null otherwise)
            assertEquals(acc >= 0.3, !c.get("epochs_to_target").isJsonNull(), c.toString());
            assertEquals(
                    acc >= 0.3,
                    !saved.get("epochs_to_target").isJsonNull(),
                    "the cell file says null");
            assertEquals(
                    acc <= 0.12, c.get("diverged").getAsBoolean(), "diverged only at chance here");
            written.put(f.toString(), Files.getLastModifiedTime(f));
        }
        assertTrue(
                r.out().contains("fast-sigmoid")
                        && r.out().contains("gaussian")
                        && r.out().contains("4 cells trained"),
                r.out());

        // Run again: nothing is redone, no cell file is touched.
        r = CliRunner.run(args(out, "1").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, r.json().get("ran").getAsInt());
        assertEquals(4, r.json().get("reused").getAsInt());
        for (Map.Entry<String, FileTime> w : written.entrySet())
            assertEquals(w.getValue(), Files.getLastModifiedTime(Path.of(w.getKey())));

        // A cell file of a sweep started before the names became snake_case is still a finished
        // cell.
        Path older = Path.of(cells.get(1).getAsJsonObject().get("file").getAsString());
        String camel = Files.readString(older);
        for (String[] n :
                new String[][] {
                    {"tail_fatness", "tailFatness"},
                    {"final_accuracy", "finalAccuracy"},
                    {"train_accuracy", "trainAccuracy"},
                    {"spikes_per_sample", "spikesPerSample"},
                    {"epochs_to_target", "epochsToTarget"},
                    {"diverged_reason", "divergedReason"},
                    {"test_accuracy_per_epoch", "testAccuracyPerEpoch"}
                }) {
            camel = camel.replace("\"" + n[0] + "\"", "\"" + n[1] + "\"");
        }
        assertTrue(
                camel.contains("\"finalAccuracy\"") && !camel.contains("\"final_accuracy\""),
                camel);
        Files.writeString(older, camel);
        r = CliRunner.run(args(out, "1").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, r.json().get("ran").getAsInt());
        assertEquals(
                cells.get(1).getAsJsonObject().get("final_accuracy").getAsDouble(),
                r.json()
                        .getAsJsonArray("cells")
                        .get(1)
                        .getAsJsonObject()
                        .get("final_accuracy")
                        .getAsDouble(),
                0);
        assertEquals(
                SNAKE_FIELDS,
                JsonParser.parseString(
                                Files.readString(Path.of(r.json().get("json").getAsString())))
                        .getAsJsonObject()
                        .getAsJsonArray("cells")
                        .get(1)
                        .getAsJsonObject()
                        .keySet(),
                "the table is written in snake_case again");

        // A cell killed before it finished has no result file: only it is trained again.
        Path killed = Path.of(cells.get(3).getAsJsonObject().get("file").getAsString());
        Files.delete(killed);
        r = CliRunner.run(args(out, "1").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.json().get("ran").getAsInt());
        assertFalse(
                r.json()
                        .getAsJsonArray("cells")
                        .get(3)
                        .getAsJsonObject()
                        .get("reused")
                        .getAsBoolean());
        assertTrue(Files.exists(killed));
        assertEquals(
                written.get(cells.get(0).getAsJsonObject().get("file").getAsString()),
                Files.getLastModifiedTime(
                        Path.of(cells.get(0).getAsJsonObject().get("file").getAsString())));

        // Other settings in the same directory would mix incomparable cells: refused, naming the
        // file and the setting.
        r = CliRunner.run(args(out, "2").toArray(String[]::new));
        assertEquals(1, r.exitCode());
        assertTrue(
                r.err().contains("settings.json") && r.err().contains("epochs was 1, now 2"),
                r.err());
    }

    @Test
    void badGridIsNamed() {
        List<String> a = args(dir.resolve("bad"), "1");
        a.set(a.indexOf("fast-sigmoid,gaussian"), "fast-sigmoid,boxcar");
        CliRunner r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(1, r.exitCode());
        assertTrue(
                r.err().contains("--surrogates")
                        && r.err().contains("boxcar")
                        && r.err().contains("cauchy"),
                r.err());
    }

    @Test
    void anEngineThatIsNotOnTheClassPathIsRefusedByNameWithWhatToDo() {
        List<String> a = args(dir.resolve("spark"), "1");
        a.addAll(List.of("--engine", "spark"));
        CliRunner r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(64, r.exitCode(), r.err());
        assertTrue(
                r.err().contains("--engine spark")
                        && r.err().contains("not on the class path")
                        && r.err().contains("docs/cluster.md"),
                r.err());

        a = args(dir.resolve("master"), "1");
        a.addAll(List.of("--master", "local[2]"));
        r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(64, r.exitCode(), r.err());
        assertTrue(r.err().contains("--master applies to --engine spark"), r.err());
    }
}
