package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Output: Graph output; {@code shape} is the shape of what it receives. */
public record Output(NdArray shape, Map<String, Value> metadata) implements NirNode {
    public Output {
        Objects.requireNonNull(shape, "shape");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Output(NdArray shape) {
        this(shape, Map.of());
    }

    @Override
    public String type() {
        return "Output";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("shape", shape);
        return p;
    }
}
