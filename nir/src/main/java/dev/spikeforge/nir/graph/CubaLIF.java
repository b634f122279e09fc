package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * NIR CubaLIF: Current-based LIF: τ_syn·dI/dt = −I + w_in·S; τ_mem·dv/dt = (v_leak − v) + R·I;
 * spike when v > v_threshold, then v = v_reset. {@code vReset} is null when the file has none: NIR
 * versions before 1.0.6 have no v_reset and reset by subtracting v_threshold, later ones read its
 * absence as zeros (see {@code dev.spikeforge.nir.convert.ResetRule}).
 */
public record CubaLIF(
        NdArray tauSyn,
        NdArray tauMem,
        NdArray r,
        NdArray vLeak,
        NdArray vThreshold,
        NdArray vReset,
        NdArray wIn,
        Map<String, Value> metadata)
        implements NirNode {
    public CubaLIF {
        Objects.requireNonNull(tauSyn, "tau_syn");
        Objects.requireNonNull(tauMem, "tau_mem");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(vLeak, "v_leak");
        Objects.requireNonNull(vThreshold, "v_threshold");
        Objects.requireNonNull(wIn, "w_in");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public CubaLIF(
            NdArray tauSyn,
            NdArray tauMem,
            NdArray r,
            NdArray vLeak,
            NdArray vThreshold,
            NdArray vReset,
            NdArray wIn) {
        this(tauSyn, tauMem, r, vLeak, vThreshold, vReset, wIn, Map.of());
    }

    @Override
    public String type() {
        return "CubaLIF";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("tau_syn", tauSyn);
        p.put("tau_mem", tauMem);
        p.put("r", r);
        p.put("v_leak", vLeak);
        p.put("v_threshold", vThreshold);
        if (vReset != null) p.put("v_reset", vReset);
        p.put("w_in", wIn);
        return p;
    }
}
