package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Input: Graph input; {@code shape} is the shape of one input sample. */
public record Input(NdArray shape, Map<String, Value> metadata) implements NirNode {
    public Input {
        Objects.requireNonNull(shape, "shape");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Input(NdArray shape) {
        this(shape, Map.of());
    }

    @Override
    public String type() {
        return "Input";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("shape", shape);
        return p;
    }
}
