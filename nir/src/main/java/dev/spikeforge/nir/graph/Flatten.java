package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Flatten: Reshape that merges dimensions start_dim..end_dim of {@code inputType} (may be null). */
public record Flatten(NdArray startDim, NdArray endDim, NdArray inputType, Map<String, Value> metadata) implements NirNode {
    public Flatten {
        Objects.requireNonNull(startDim, "start_dim");
        Objects.requireNonNull(endDim, "end_dim");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Flatten(NdArray startDim, NdArray endDim, NdArray inputType) {
        this(startDim, endDim, inputType, Map.of());
    }

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("start_dim", startDim);
        p.put("end_dim", endDim);
        if (inputType != null) p.put("input_type", inputType);
        return p;
    }
}
