package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** NIR LI: Leaky integrator: τ·dv/dt = (v_leak − v) + R·I. */
public record LI(NdArray tau, NdArray r, NdArray vLeak, Map<String, Value> metadata)
        implements NirNode {
    public LI {
        Objects.requireNonNull(tau, "tau");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(vLeak, "v_leak");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public LI(NdArray tau, NdArray r, NdArray vLeak) {
        this(tau, r, vLeak, Map.of());
    }

    @Override
    public String type() {
        return "LI";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("tau", tau);
        p.put("r", r);
        p.put("v_leak", vLeak);
        return p;
    }
}
