package dev.spikeforge.nir.paper;

import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.CubaLIF;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirGraph;

/**
 * The Braille network evaluated straight from NIR's CubaLIF equations with forward Euler at dt,
 * written from the graph's own parameters (no Spikeforge conversion): τ_syn·dI/dt = −I + w_in·(W·x
 * + b), τ_mem·dv/dt = −v + R·I, spike when v > v_threshold, then v − v_threshold (NIR 0.2.0's
 * reset). The Affine biases enter the synaptic current from step 0 with the current starting at 0;
 * the recurrent loop carries the previous step's spikes (NIR has no other discrete meaning for a
 * loop); lif2 reads lif1's spikes of the same step (the graph's edges do not delay). {@code
 * steadyBias} starts each current at the bias's steady state instead, as Spikeforge's import takes
 * it.
 */
final class BrailleReference {
    private BrailleReference() {}

    /** spikes[0][k] of lif1 (38) and spikes[1][k] of lif2 (7) on graph step k. */
    static boolean[][][] run(NirGraph g, boolean[][] x, double dt, boolean steadyBias) {
        Affine fc1 = (Affine) g.nodes().get("fc1"),
                rec = (Affine) g.nodes().get("lif1.w_rec"),
                fc2 = (Affine) g.nodes().get("fc2");
        CubaLIF l1 = (CubaLIF) g.nodes().get("lif1.lif"), l2 = (CubaLIF) g.nodes().get("lif2");
        int steps = x.length;
        boolean[][][] z = {new boolean[steps][38], new boolean[steps][7]};
        double[] i1 = new double[38], v1 = new double[38], i2 = new double[7], v2 = new double[7];
        if (steadyBias) {
            for (int n = 0; n < 38; n++)
                i1[n] = l1.wIn().get(n) * (fc1.bias().get(n) + rec.bias().get(n));
            for (int n = 0; n < 7; n++) i2[n] = l2.wIn().get(n) * fc2.bias().get(n);
        }
        for (int k = 0; k < steps; k++) {
            for (int n = 0; n < 38; n++) {
                double s = fc1.bias().get(n) + rec.bias().get(n);
                for (int i = 0; i < 12; i++) if (x[k][i]) s += at(fc1.weight(), n, i);
                if (k > 0)
                    for (int m = 0; m < 38; m++) if (z[0][k - 1][m]) s += at(rec.weight(), n, m);
                double hs = dt / l1.tauSyn().get(n), hm = dt / l1.tauMem().get(n);
                i1[n] = i1[n] * (1 - hs) + hs * l1.wIn().get(n) * s;
                v1[n] = v1[n] * (1 - hm) + hm * l1.r().get(n) * i1[n];
                if (v1[n] > l1.vThreshold().get(n)) {
                    z[0][k][n] = true;
                    v1[n] -= l1.vThreshold().get(n);
                }
            }
            for (int n = 0; n < 7; n++) {
                double s = fc2.bias().get(n);
                for (int m = 0; m < 38; m++) if (z[0][k][m]) s += at(fc2.weight(), n, m);
                double hs = dt / l2.tauSyn().get(n), hm = dt / l2.tauMem().get(n);
                i2[n] = i2[n] * (1 - hs) + hs * l2.wIn().get(n) * s;
                v2[n] = v2[n] * (1 - hm) + hm * l2.r().get(n) * i2[n];
                if (v2[n] > l2.vThreshold().get(n)) {
                    z[1][k][n] = true;
                    v2[n] -= l2.vThreshold().get(n);
                }
            }
        }
        return z;
    }

    private static double at(NdArray w, int row, int col) {
        return w.get(row * w.dim(1) + col);
    }
}
