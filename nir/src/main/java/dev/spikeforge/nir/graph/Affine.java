package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Affine: y = W·x + b, with W of shape [out, in]. */
public record Affine(NdArray weight, NdArray bias, Map<String, Value> metadata) implements NirNode {
    public Affine {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Affine(NdArray weight, NdArray bias) {
        this(weight, bias, Map.of());
    }

    /** NIR applies the matrix to the last axis: [out] for a vector input. */
    public long[] outputShape() {
        return new long[] {weight.dim(0)};
    }

    @Override
    public String type() {
        return "Affine";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("weight", weight);
        p.put("bias", bias);
        return p;
    }
}
