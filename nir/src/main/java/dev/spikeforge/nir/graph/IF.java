package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * NIR IF: Integrate-and-fire: dv/dt = R·I; spike when v > v_threshold, then v = v_reset. {@code
 * vReset} is null when the file has none: NIR versions before 1.0.6 have no v_reset and reset by
 * subtracting v_threshold, later ones read its absence as zeros (see {@code
 * dev.spikeforge.nir.convert.ResetRule}).
 */
public record IF(NdArray r, NdArray vThreshold, NdArray vReset, Map<String, Value> metadata)
        implements NirNode {
    public IF {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(vThreshold, "v_threshold");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public IF(NdArray r, NdArray vThreshold, NdArray vReset) {
        this(r, vThreshold, vReset, Map.of());
    }

    @Override
    public String type() {
        return "IF";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("r", r);
        p.put("v_threshold", vThreshold);
        if (vReset != null) p.put("v_reset", vReset);
        return p;
    }
}
