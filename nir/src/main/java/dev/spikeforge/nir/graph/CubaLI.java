package dev.spikeforge.nir.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * NIR CubaLI: Current-based leaky integrator: τ_syn·dI/dt = −I + w_in·S; τ_mem·dv/dt = (v_leak − v)
 * + R·I.
 */
public record CubaLI(
        NdArray tauSyn,
        NdArray tauMem,
        NdArray r,
        NdArray vLeak,
        NdArray wIn,
        Map<String, Value> metadata)
        implements NirNode {
    public CubaLI {
        Objects.requireNonNull(tauSyn, "tau_syn");
        Objects.requireNonNull(tauMem, "tau_mem");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(vLeak, "v_leak");
        Objects.requireNonNull(wIn, "w_in");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public CubaLI(NdArray tauSyn, NdArray tauMem, NdArray r, NdArray vLeak, NdArray wIn) {
        this(tauSyn, tauMem, r, vLeak, wIn, Map.of());
    }

    @Override
    public String type() {
        return "CubaLI";
    }

    @Override
    public Map<String, Value> params() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("tau_syn", tauSyn);
        p.put("tau_mem", tauMem);
        p.put("r", r);
        p.put("v_leak", vLeak);
        p.put("w_in", wIn);
        return p;
    }
}
