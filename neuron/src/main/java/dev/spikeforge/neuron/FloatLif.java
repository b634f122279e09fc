package dev.spikeforge.neuron;

/**
 * The float form of the neuron model the trainer optimizes: current-based LIF with a one-step
 * synaptic delay. Its fixed-point form is {@link CubaLif}; the compiler maps the same decays onto
 * {@link ShiftLif} or {@link IntegrateFire} for chips that have only those.
 *
 * <pre>
 *   u[t] = u[t-1]·(1−du) + a[t]
 *   v[t] = v[t-1]·(1−dv) + u[t] + b
 *   z[t] = v[t] &gt; θ
 *   v[t] = 0 where z[t]            (or v[t] − θ with {@link Reset#BY_SUBTRACTION})
 *   a[t] = W·z_pre[t−1]            (every connection delays by one step)
 * </pre>
 *
 * The trainer implements the same equations on ND4J batches; tests hold both to this scalar
 * reference. A readout layer uses the same update with spiking disabled.
 */
public record FloatLif(double du, double dv, double threshold, Reset reset) {

    public FloatLif {
        if (!(du >= 0 && du <= 1))
            throw new IllegalArgumentException("du must be in [0, 1], got " + du);
        if (!(dv >= 0 && dv <= 1))
            throw new IllegalArgumentException("dv must be in [0, 1], got " + dv);
        if (!(threshold > 0))
            throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
    }

    /**
     * One step for a layer. {@code input} is a[t] (the dendritic sum produced on the previous
     * step). Writes z[t] into {@code spikes}; when {@code spiking} is false the neurons integrate
     * only (readout). Returns the number of spikes.
     */
    public int step(
            double[] u,
            double[] v,
            double[] input,
            double[] bias,
            boolean spiking,
            boolean[] spikes) {
        final double keepU = 1.0 - du, keepV = 1.0 - dv;
        int count = 0;
        for (int n = 0; n < v.length; n++) {
            double un = u[n] * keepU + input[n];
            double vn = v[n] * keepV + un + (bias == null ? 0.0 : bias[n]);
            boolean z = spiking && vn > threshold;
            if (z) {
                vn = reset == Reset.TO_ZERO ? 0.0 : vn - threshold;
                count++;
            }
            u[n] = un;
            v[n] = vn;
            spikes[n] = z;
        }
        return count;
    }

    /**
     * The same model with du and dv moved to the nearest values the fixed-point form represents
     * exactly.
     */
    public FloatLif snappedToFixedGrid() {
        return new FloatLif(
                CubaLif.currentDecayToFloat(CubaLif.currentDecayFromFloat(du)),
                CubaLif.voltageDecayToFloat(CubaLif.voltageDecayFromFloat(dv)),
                threshold,
                reset);
    }
}
