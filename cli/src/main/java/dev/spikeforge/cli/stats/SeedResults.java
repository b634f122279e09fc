package dev.spikeforge.cli.stats;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of an experiments results file (one JSON object per line with {@code claim}, {@code
 * arm}, {@code seed}): per arm, per metric, the value of each seed. A metric is a field name,
 * dotted for a nested one ({@code accuracy.chip_accuracy}); lines without it are not counted for
 * it. A seed's later line replaces its earlier one (a rerun).
 */
public final class SeedResults {
    private final Map<String, String> claimOf = new LinkedHashMap<>();
    private final Map<String, Map<String, TreeMap<String, Double>>> values = new LinkedHashMap<>();

    private SeedResults() {}

    /**
     * Reads {@code file}; a line that is not a JSON object with claim, arm and seed is an error
     * naming its number.
     */
    public static SeedResults read(Path file, List<String> metrics) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read results file " + file + ": " + e.getMessage(), e);
        }
        SeedResults r = new SeedResults();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            JsonObject o;
            try {
                JsonElement e = JsonParser.parseString(line);
                if (!e.isJsonObject()) throw new JsonSyntaxException("not an object");
                o = e.getAsJsonObject();
            } catch (JsonSyntaxException e) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": not a JSON object (" + e.getMessage() + ")");
            }
            for (String key : List.of("claim", "arm", "seed")) {
                if (!o.has(key))
                    throw new IllegalArgumentException(
                            file
                                    + " line "
                                    + (i + 1)
                                    + ": no \""
                                    + key
                                    + "\" field (a line of bench/experiments.sh has claim, arm and"
                                    + " seed)");
            }
            String arm = o.get("arm").getAsString(), seed = o.get("seed").getAsString();
            r.claimOf.putIfAbsent(arm, o.get("claim").getAsString());
            for (String m : metrics) {
                Double v = number(o, m);
                if (v != null)
                    r.values
                            .computeIfAbsent(arm, a -> new LinkedHashMap<>())
                            .computeIfAbsent(m, x -> new TreeMap<>())
                            .put(seed, v);
            }
        }
        return r;
    }

    private static Double number(JsonObject o, String dotted) {
        JsonElement e = o;
        for (String part : dotted.split("\\.")) {
            if (!e.isJsonObject() || !e.getAsJsonObject().has(part)) return null;
            e = e.getAsJsonObject().get(part);
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : null;
    }

    /** Arms in the order they first appear. */
    public List<String> arms() {
        return List.copyOf(claimOf.keySet());
    }

    public String claim(String arm) {
        return claimOf.get(arm);
    }

    /** Seed → value of {@code metric} for {@code arm}; empty when none. */
    public Map<String, Double> values(String arm, String metric) {
        return values.getOrDefault(arm, Map.of()).getOrDefault(metric, new TreeMap<>());
    }
}
