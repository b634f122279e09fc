package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR I: Integrator: dv/dt = R·I. */
public record I(NdArray r, Map<String, Value> metadata) implements NirNode {
    public I {
        Objects.requireNonNull(r, "r");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public I(NdArray r) {
        this(r, Map.of());
    }

    @Override
    public String type() {
        return "I";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("r", r);
        return p;
    }
}
