package dev.spikeforge.nir;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact solution of NIR's CubaLIF ODEs, τ_syn·dI/dt = −I + w_in·S and τ_mem·dv/dt = −v + R·I
 * (v_leak = 0), for an input S that is constant within each step of length dt (a spike is 1 for one
 * step), sampled at the end of every step. Over one step with S = c: I(h) = I₀·a + w_in·c·(1 − a),
 * a = e^(−h/τ_syn), and v(h) = v₀·b + R·w_in·c·(1 − b) + A·(a − b), b = e^(−h/τ_mem), A = R·(I₀ −
 * w_in·c)·τ_syn/(τ_syn − τ_mem).
 */
final class ExactCubaLif {
    private final double tauSyn, tauMem, r, wIn, dt;

    ExactCubaLif(double tauSyn, double tauMem, double r, double wIn, double dt) {
        this.tauSyn = tauSyn;
        this.tauMem = tauMem;
        this.r = r;
        this.wIn = wIn;
        this.dt = dt;
    }

    /**
     * @param v voltage per step (0 on a reset step)
     * @param preReset voltage per step before any reset
     * @param i synaptic current per step
     */
    record Trace(double[] v, double[] preReset, double[] i, List<Integer> spikes) {}

    /**
     * @param input S on each step
     * @param threshold reset when v exceeds it (own crossings)
     * @param resetSteps if not null, reset on exactly these steps instead
     */
    Trace run(double[] input, double threshold, boolean[] resetSteps) {
        double a = Math.exp(-dt / tauSyn), b = Math.exp(-dt / tauMem);
        double i = 0, v = 0;
        double[] out = new double[input.length],
                pre = new double[input.length],
                cur = new double[input.length];
        List<Integer> spikes = new ArrayList<>();
        for (int t = 0; t < input.length; t++) {
            double c = wIn * input[t];
            double amp = r * (i - c) * tauSyn / (tauSyn - tauMem);
            double vn = v * b + r * c * (1 - b) + amp * (a - b);
            double in = i * a + c * (1 - a);
            boolean reset = resetSteps != null ? resetSteps[t] : vn > threshold;
            if (reset && resetSteps == null) spikes.add(t);
            pre[t] = vn;
            cur[t] = in;
            out[t] = reset ? 0 : vn;
            v = out[t];
            i = in;
        }
        return new Trace(out, pre, cur, spikes);
    }

    /**
     * Bound on |v_Euler − v_exact| per step, in units of s (Spikeforge's v), for forward Euler with
     * the new current (Spikeforge's order) against the exact step, both reset on {@code resets}.
     * With h_s = dt/τ_syn, h_m = dt/τ_mem, |1 − h − e^(−h)| ≤ h²/2 and |h − (1 − e^(−h))| ≤ h²/2
     * give, per step, e_I[t] = (1 − h_s)·e_I[t−1] + h_s²/2·(|I[t−1]| + w_in·|S[t]|) and e_v[t] = (1
     * − h_m)·e_v[t−1] + h_m²/2·(|v[t−1]| + R·|I[t]|) + h_m·R·(e_I[t] + |I[t] − I[t−1]|), the last
     * term for the current changing within the step; e_v = 0 on a reset step.
     */
    double[] eulerBound(double[] input, boolean[] resets, double s) {
        Trace x = run(input, Double.POSITIVE_INFINITY, resets);
        double hs = dt / tauSyn, hm = dt / tauMem, ei = 0, ev = 0;
        double[] out = new double[input.length];
        for (int t = 0; t < input.length; t++) {
            double iPrev = t > 0 ? x.i()[t - 1] : 0, vPrev = t > 0 ? x.v()[t - 1] : 0;
            ei = (1 - hs) * ei + hs * hs / 2 * (Math.abs(iPrev) + wIn * Math.abs(input[t]));
            ev =
                    resets[t]
                            ? 0
                            : (1 - hm) * ev
                                    + hm * hm / 2 * (Math.abs(vPrev) + r * Math.abs(x.i()[t]))
                                    + hm * r * (ei + Math.abs(x.i()[t] - iPrev));
            out[t] = ev / s;
        }
        return out;
    }
}
