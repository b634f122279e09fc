package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Scale: y = x ⊙ scale. */
public record Scale(NdArray scale, Map<String, Value> metadata) implements NirNode {
    public Scale {
        Objects.requireNonNull(scale, "scale");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Scale(NdArray scale) {
        this(scale, Map.of());
    }

    @Override
    public String type() {
        return "Scale";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("scale", scale);
        return p;
    }
}
