package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.CubaLI;
import dev.spikeforge.nir.graph.CubaLIF;
import dev.spikeforge.nir.graph.DType;
import dev.spikeforge.nir.graph.I;
import dev.spikeforge.nir.graph.IF;
import dev.spikeforge.nir.graph.LI;
import dev.spikeforge.nir.graph.LIF;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.proto.ResetMode;

/**
 * NIR's continuous-time neurons to Spikeforge's discrete LIF and back, by forward Euler with step
 * dt. Signals are constant within a step (a spike is 1 for one step, as the PyTorch frameworks
 * export it). With h = dt/τ:
 *
 * <pre>
 *   NIR LIF      v[t] = v(1 − h) + h·v_leak + h·R·I[t],   I = W·x + b
 *   Spikeforge   v[t] = v(1 − dv) + u[t] + bias,  u[t] = u(1 − du) + W·x
 * </pre>
 *
 * so du = 1, dv = h, and measuring Spikeforge's v in units of s = R·h of NIR's v makes the weights
 * and Affine bias carry over unchanged: threshold = v_threshold / s, bias = b + v_leak / R. CubaLIF
 * adds I[t] = I(1 − h_syn) + h_syn·w_in·S: du = h_syn, u = I / (h_syn·w_in), s =
 * R·w_in·h_syn·h_mem, bias = v_leak / (R·w_in·h_syn) + b / h_syn (the Affine bias is a synaptic
 * current, taken at its steady state: {@link #biasCurrent}). IF and I have no leak: dv = 0, s =
 * R·dt. LI, CubaLI and I become a non-spiking READOUT. Reset is to 0 or by subtraction as the
 * file's NIR version says ({@link ResetRule}); v_reset ≠ 0 is refused. tau, r, w_in, v_threshold
 * and v_reset must be one value per node (Spikeforge layers share them); v_leak may vary.
 */
final class NeuronMapping {
    private NeuronMapping() {}

    /**
     * A neuron node in Spikeforge's terms; {@code bias} is per neuron (null: none), {@code scale}
     * is s above. {@code onsetBound} is 0 unless an Affine bias feeds a current-based neuron: then
     * it bounds, in Spikeforge's v, the charge the steady-state bias delivers early (see {@link
     * #biasCurrent}).
     */
    record Discrete(
            float du,
            float dv,
            float threshold,
            float[] bias,
            boolean readout,
            double scale,
            ResetMode reset,
            double onsetBound) {}

    static boolean isNeuron(NirNode n) {
        return n instanceof LIF
                || n instanceof CubaLIF
                || n instanceof IF
                || n instanceof LI
                || n instanceof CubaLI
                || n instanceof I;
    }

    /** The non-spiking neurons, which Spikeforge takes only as the last layer (READOUT). */
    static boolean isReadout(NirNode n) {
        return n instanceof LI || n instanceof CubaLI || n instanceof I;
    }

    static boolean isCuba(NirNode n) {
        return n instanceof CubaLIF || n instanceof CubaLI;
    }

    /**
     * For neurons that may sit on a conv map of {@code ch} channels ({@code size / ch} positions
     * each; ch = size for a dense layer): a parameter may then also hold one value per channel
     * (shape [C] or [C, 1, 1]), as conv exporters write it.
     *
     * @param synBias the Affine bias feeding the neurons (feed-forward plus recurrent), null when
     *     none
     * @param reset what an absent v_reset means in the file's NIR version
     */
    static Discrete toSpikeforge(
            String path,
            NirNode n,
            int size,
            int ch,
            double dt,
            double[] synBias,
            ResetRule reset) {
        String type = n.type();
        if (n instanceof LIF l) {
            double h = step(path, type, "tau", one(path, type, "tau", l.tau(), size, ch), dt);
            double r = positive(path, type, "r", one(path, type, "r", l.r(), size, ch));
            ResetMode mode = reset(path, type, l.vReset(), size, ch, reset);
            double s = r * h;
            return new Discrete(
                    1f,
                    (float) h,
                    threshold(path, type, l.vThreshold(), size, ch, s),
                    leakBias(path, type, l.vLeak(), size, ch, synBias, 1 / r),
                    false,
                    s,
                    mode,
                    0);
        }
        if (n instanceof IF f) {
            double r = positive(path, type, "r", one(path, type, "r", f.r(), size, ch));
            ResetMode mode = reset(path, type, f.vReset(), size, ch, reset);
            double s = r * dt;
            return new Discrete(
                    1f,
                    0f,
                    threshold(path, type, f.vThreshold(), size, ch, s),
                    copy(synBias),
                    false,
                    s,
                    mode,
                    0);
        }
        if (n instanceof LI l) {
            double h = step(path, type, "tau", one(path, type, "tau", l.tau(), size, ch), dt);
            double r = positive(path, type, "r", one(path, type, "r", l.r(), size, ch));
            return new Discrete(
                    1f,
                    (float) h,
                    1f,
                    leakBias(path, type, l.vLeak(), size, ch, synBias, 1 / r),
                    true,
                    r * h,
                    ResetMode.RESET_TO_ZERO,
                    0);
        }
        if (n instanceof I i) {
            double r = positive(path, type, "r", one(path, type, "r", i.r(), size, ch));
            return new Discrete(
                    1f, 0f, 1f, copy(synBias), true, r * dt, ResetMode.RESET_TO_ZERO, 0);
        }
        if (n instanceof CubaLIF c) {
            double hs =
                    step(
                            path,
                            type,
                            "tau_syn",
                            one(path, type, "tau_syn", c.tauSyn(), size, ch),
                            dt);
            double hm =
                    step(
                            path,
                            type,
                            "tau_mem",
                            one(path, type, "tau_mem", c.tauMem(), size, ch),
                            dt);
            double r = positive(path, type, "r", one(path, type, "r", c.r(), size, ch));
            double w = positive(path, type, "w_in", one(path, type, "w_in", c.wIn(), size, ch));
            ResetMode mode = reset(path, type, c.vReset(), size, ch, reset);
            double s = r * w * hs * hm;
            return new Discrete(
                    (float) hs,
                    (float) hm,
                    threshold(path, type, c.vThreshold(), size, ch, s),
                    leakBias(
                            path,
                            type,
                            c.vLeak(),
                            size,
                            ch,
                            biasCurrent(synBias, hs),
                            1 / (r * w * hs)),
                    false,
                    s,
                    mode,
                    onsetBound(synBias, hs));
        }
        if (n instanceof CubaLI c) {
            double hs =
                    step(
                            path,
                            type,
                            "tau_syn",
                            one(path, type, "tau_syn", c.tauSyn(), size, ch),
                            dt);
            double hm =
                    step(
                            path,
                            type,
                            "tau_mem",
                            one(path, type, "tau_mem", c.tauMem(), size, ch),
                            dt);
            double r = positive(path, type, "r", one(path, type, "r", c.r(), size, ch));
            double w = positive(path, type, "w_in", one(path, type, "w_in", c.wIn(), size, ch));
            return new Discrete(
                    (float) hs,
                    (float) hm,
                    1f,
                    leakBias(
                            path,
                            type,
                            c.vLeak(),
                            size,
                            ch,
                            biasCurrent(synBias, hs),
                            1 / (r * w * hs)),
                    true,
                    r * w * hs * hm,
                    ResetMode.RESET_TO_ZERO,
                    onsetBound(synBias, hs));
        }
        throw NirFormatException.at(path, type, "is not a neuron node");
    }

    /**
     * An Affine bias b feeding a current-based neuron is a constant input current: what an
     * always-on source delivers. In Spikeforge's units it would enter u, u[t] = u(1 − du) + W·x +
     * b, where it settles at b/du; Spikeforge's bias enters v (a per-neuron register in the
     * compiled form), so it is imported as that steady state, the v-bias b/du: exact once the
     * current has settled, as if it had been on before step 0. The NIR graph starts the current at
     * 0, so during the first steps the import delivers more charge: b/du·(1 − du)^t on step t,
     * b/du² in all (see {@link #onsetBound}).
     */
    static double[] biasCurrent(double[] synBias, double du) {
        if (synBias == null) return null;
        double[] b = new double[synBias.length];
        for (int n = 0; n < b.length; n++) b[n] = synBias[n] / du;
        return b;
    }

    /**
     * The largest extra charge (Spikeforge v units) the steady-state bias delivers over the onset:
     * max |b| / du².
     */
    static double onsetBound(double[] synBias, double du) {
        double max = 0;
        if (synBias != null) for (double b : synBias) max = Math.max(max, Math.abs(b));
        return max / (du * du);
    }

    /**
     * The NIR neuron node that {@link #toSpikeforge} maps back to exactly these parameters, with R
     * = 1, w_in = 1 and v_reset = 0; a Cuba layer's bias becomes v_leak. Parameters are float64 so
     * that dt/(dt/h) gives h back.
     *
     * @param bias per-neuron bias, null when none
     * @return the node; {@code biasOnSynapse} tells whether the bias must go on the Affine instead
     *     (non-Cuba nodes)
     */
    static NirNode toNir(
            String layer,
            float du,
            float dv,
            float threshold,
            boolean readout,
            boolean subtractiveReset,
            int size,
            float[] bias,
            double dt) {
        if (subtractiveReset && !readout) {
            throw new NirFormatException(
                    "layer '"
                            + layer
                            + "': reset by subtraction has no NIR equivalent (NIR neurons reset to"
                            + " v_reset); retrain with reset to zero to export it");
        }
        if (!(du > 0 && du <= 1) || !(dv >= 0 && dv <= 1)) {
            throw new NirFormatException(
                    "layer '"
                            + layer
                            + "': du = "
                            + du
                            + ", dv = "
                            + dv
                            + " has no NIR time constants (need 0 < du ≤ 1, 0 ≤ dv ≤ 1)");
        }
        DType f = DType.FLOAT64;
        NdArray r = NdArray.filled(f, size, 1), zeros = NdArray.filled(f, size, 0);
        if (du == 1f) {
            if (dv == 0f) {
                return readout
                        ? new I(r)
                        : new IF(r, NdArray.filled(f, size, threshold * dt), zeros);
            }
            NdArray tau = NdArray.filled(f, size, dt / dv);
            return readout
                    ? new LI(tau, r, zeros)
                    : new LIF(
                            tau, r, zeros, NdArray.filled(f, size, threshold * (double) dv), zeros);
        }
        if (dv == 0f) {
            throw new NirFormatException(
                    "layer '"
                            + layer
                            + "': a synaptic current (du = "
                            + du
                            + " < 1) without voltage leak (dv = 0) has no NIR node "
                            + "(CubaLIF needs a finite tau_mem)");
        }
        NdArray tauSyn = NdArray.filled(f, size, dt / du),
                tauMem = NdArray.filled(f, size, dt / dv);
        double[] leak = new double[size];
        if (bias != null) for (int k = 0; k < size; k++) leak[k] = bias[k] * (double) du;
        NdArray vLeak = NdArray.vector(f, leak), wIn = NdArray.filled(f, size, 1);
        if (readout) return new CubaLI(tauSyn, tauMem, r, vLeak, wIn);
        double s = 1.0 * 1.0 * du * dv;
        return new CubaLIF(
                tauSyn, tauMem, r, vLeak, NdArray.filled(f, size, threshold * s), zeros, wIn);
    }

    /**
     * The value of a per-neuron parameter that Spikeforge holds once per layer; refuses differing
     * values.
     */
    static double one(String path, String type, String name, NdArray a, int size) {
        return one(path, type, name, a, size, size);
    }

    /** As above; on a conv map the array may also hold one value per channel. */
    static double one(String path, String type, String name, NdArray a, int size, int channels) {
        if (a.size() != size && a.size() != 1 && a.size() != channels) {
            throw NirFormatException.at(
                    path,
                    type,
                    "parameter '"
                            + name
                            + "' has "
                            + a.size()
                            + " values for "
                            + size
                            + " neurons"
                            + (channels != size ? " in " + channels + " channels" : ""));
        }
        if (!a.isUniform()) {
            throw NirFormatException.at(
                    path,
                    type,
                    "parameter '"
                            + name
                            + "' varies across neurons ("
                            + a.min()
                            + " .. "
                            + a.max()
                            + "); a Spikeforge layer has one "
                            + name
                            + " for all its neurons");
        }
        return a.get(0);
    }

    private static double step(String path, String type, String name, double tau, double dt) {
        if (!(tau > 0) || Double.isInfinite(tau))
            throw NirFormatException.at(
                    path, type, name + " = " + tau + " must be positive and finite");
        double h = dt / tau;
        if (h > 1) {
            throw NirFormatException.at(
                    path,
                    type,
                    "dt = "
                            + dt
                            + " exceeds "
                            + name
                            + " = "
                            + tau
                            + " (dt/"
                            + name
                            + " = "
                            + h
                            + " > 1: forward Euler would overshoot); use --dt ≤ "
                            + tau);
        }
        return h;
    }

    private static double positive(String path, String type, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v))
            throw NirFormatException.at(
                    path, type, name + " = " + v + " must be positive and finite");
        return v;
    }

    /**
     * The layer's reset: v_reset absent means what the file's NIR version says ({@link ResetRule});
     * present, it must be 0 (Spikeforge resets to 0 or subtracts the threshold, never to another
     * value).
     */
    private static ResetMode reset(
            String path, String type, NdArray vReset, int size, int channels, ResetRule rule) {
        if (vReset == null) return rule.absentVReset();
        double v = one(path, type, "v_reset", vReset, size, channels);
        if (v != 0) {
            throw NirFormatException.at(
                    path,
                    type,
                    "v_reset = "
                            + v
                            + ": Spikeforge resets v to 0; express the neuron with v_reset = 0"
                            + " (shift v_leak, v_threshold and v_reset by −v_reset in the source"
                            + " framework)");
        }
        return ResetMode.RESET_TO_ZERO;
    }

    private static float threshold(
            String path, String type, NdArray vth, int size, int channels, double s) {
        double v = one(path, type, "v_threshold", vth, size, channels);
        if (!(v > 0) || Double.isInfinite(v))
            throw NirFormatException.at(
                    path,
                    type,
                    "v_threshold = " + v + " must be positive (Spikeforge thresholds are > 0)");
        return (float) (v / s);
    }

    /** Per-neuron bias: the synaptic bias plus v_leak·k; null when both are absent or zero. */
    private static float[] leakBias(
            String path,
            String type,
            NdArray vLeak,
            int size,
            int channels,
            double[] synBias,
            double k) {
        if (vLeak.size() != size && vLeak.size() != 1 && vLeak.size() != channels) {
            throw NirFormatException.at(
                    path, type, "v_leak has " + vLeak.size() + " values for " + size + " neurons");
        }
        int positions = size / channels;
        float[] b = new float[size];
        boolean any = false;
        for (int n = 0; n < size; n++) {
            double leak =
                    vLeak.get(vLeak.size() == 1 ? 0 : vLeak.size() == size ? n : n / positions);
            double v = (synBias == null ? 0 : synBias[n]) + (leak == 0 ? 0 : leak * k);
            b[n] = (float) v;
            any |= v != 0;
        }
        return any ? b : null;
    }

    private static float[] copy(double[] synBias) {
        if (synBias == null) return null;
        float[] b = new float[synBias.length];
        boolean any = false;
        for (int n = 0; n < b.length; n++) {
            b[n] = (float) synBias[n];
            any |= b[n] != 0;
        }
        return any ? b : null;
    }
}
