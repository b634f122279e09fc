package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Linear: y = W·x, with W of shape [out, in]. */
public record Linear(NdArray weight, Map<String, Value> metadata) implements NirNode {
    public Linear {
        Objects.requireNonNull(weight, "weight");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Linear(NdArray weight) {
        this(weight, Map.of());
    }

    /** NIR applies the matrix to the last axis: [out] for a vector input. */
    public long[] outputShape() {
        return new long[] {weight.dim(0)};
    }

    @Override
    public String type() {
        return "Linear";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("weight", weight);
        return p;
    }
}
