package dev.spikeforge.cli.sweep;

import java.util.Map;
import java.util.TreeMap;

/**
 * The settings every cell of a sweep shares (everything but the grid). A sweep directory keeps
 * them, so a resumed sweep reuses finished cells only if they were trained the same way.
 */
public record SweepSettings(
        String dataset,
        int epochs,
        int limit,
        int testLimit,
        String hidden,
        int steps,
        String encoding,
        int batch,
        long seed,
        double targetAccuracy) {

    public Map<String, String> asMap() {
        Map<String, String> m = new TreeMap<>();
        m.put("dataset", dataset);
        m.put("epochs", Integer.toString(epochs));
        m.put("limit", Integer.toString(limit));
        m.put("test_limit", Integer.toString(testLimit));
        m.put("hidden", hidden);
        m.put("steps", Integer.toString(steps));
        m.put("encoding", encoding);
        m.put("batch", Integer.toString(batch));
        m.put("seed", Long.toString(seed));
        m.put("target_accuracy", Double.toString(targetAccuracy));
        return m;
    }
}
