package dev.spikeforge.cli.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A sweep's directory: {@code settings.json} (what every cell shares), {@code cells/ID.json} (one
 * per finished cell, written atomically the moment it ends, so a killed sweep loses only the cells
 * that were running), and the tables and heat map of the whole grid.
 */
public final class SweepDirectory {
    static final Gson GSON =
            new GsonBuilder()
                    .serializeSpecialFloatingPointValues()
                    .serializeNulls()
                    .setPrettyPrinting()
                    .disableHtmlEscaping()
                    .create();
    private final Path dir;

    public SweepDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path settingsFile() {
        return dir.resolve("settings.json");
    }

    public Path cellFile(SweepCell c) {
        return dir.resolve("cells").resolve(c.id() + ".json");
    }

    public Path csv() {
        return dir.resolve("results.csv");
    }

    public Path json() {
        return dir.resolve("results.json");
    }

    public Path heatMap() {
        return dir.resolve("heatmap.png");
    }

    /** Writes the settings, or checks them against those of the sweep that made the directory. */
    public void claim(SweepSettings settings) {
        Map<String, String> now = settings.asMap();
        Path f = settingsFile();
        if (Files.exists(f)) {
            Map<String, String> then;
            try {
                then =
                        GSON.fromJson(
                                Files.readString(f),
                                new TypeToken<Map<String, String>>() {}.getType());
            } catch (IOException | JsonParseException e) {
                throw new IllegalArgumentException(
                        f
                                + ": unreadable sweep settings ("
                                + e.getMessage()
                                + "); delete the directory or choose another --out");
            }
            TreeSet<String> keys = new TreeSet<>(now.keySet());
            if (then != null) keys.addAll(then.keySet());
            List<String> diffs = new ArrayList<>();
            for (String k : keys) {
                String a = then == null ? null : then.get(k), b = now.get(k);
                if (a == null ? b != null : !a.equals(b)) diffs.add(k + " was " + a + ", now " + b);
            }
            if (!diffs.isEmpty()) {
                throw new IllegalArgumentException(
                        f
                                + ": this directory holds a sweep with other settings ("
                                + String.join("; ", diffs)
                                + "); its cells cannot be reused. Use the same settings, another"
                                + " --out, or delete the directory");
            }
            return;
        }
        write(f, GSON.toJson(now));
    }

    /**
     * The finished cell's result, if its file is there and readable (a damaged one counts as not
     * finished).
     */
    public Optional<CellResult> finished(SweepCell c) {
        Path f = cellFile(c);
        if (!Files.exists(f)) return Optional.empty();
        try {
            CellResult r = GSON.fromJson(Files.readString(f), CellResult.class);
            return r != null && r.matches(c) ? Optional.of(r) : Optional.empty();
        } catch (IOException | JsonParseException e) {
            return Optional.empty();
        }
    }

    public void save(SweepCell c, CellResult r) {
        write(cellFile(c), GSON.toJson(r));
    }

    static void write(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + f.getParent(), e);
        }
        ArtifactFiles.writeAtomically(f, text.getBytes(StandardCharsets.UTF_8));
    }
}
