package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Threshold: Heaviside step: z = x > threshold. */
public record Threshold(NdArray threshold, Map<String, Value> metadata) implements NirNode {
    public Threshold {
        Objects.requireNonNull(threshold, "threshold");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Threshold(NdArray threshold) {
        this(threshold, Map.of());
    }

    @Override
    public String type() {
        return "Threshold";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("threshold", threshold);
        return p;
    }
}
