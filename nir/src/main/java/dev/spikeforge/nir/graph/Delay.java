package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR Delay: y(t) = x(t − delay), per element. */
public record Delay(NdArray delay, Map<String, Value> metadata) implements NirNode {
    public Delay {
        Objects.requireNonNull(delay, "delay");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public Delay(NdArray delay) {
        this(delay, Map.of());
    }

    @Override
    public String type() {
        return "Delay";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("delay", delay);
        return p;
    }
}
