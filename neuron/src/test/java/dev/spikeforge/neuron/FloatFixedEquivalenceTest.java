package dev.spikeforge.neuron;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Drives the float and the fixed-point form of the neuron model on the same small two-layer
 * networks, with the one-step synaptic delay on every connection. Weights are integers (scale 1),
 * so one float unit of v is 2⁶ integer units.
 */
class FloatFixedEquivalenceTest {
    private static final int K = 1 << FixedPoint.ACT_SHIFT;

    /**
     * A random 2-layer network: inputs -> hidden -> out, integer weights, integer thresholds and
     * biases.
     */
    private record Net(int nIn, int[] sizes, int[][][] w, int[][] bias, int[] theta) {
        static Net random(Random r, int nIn, int h, int out) {
            int[] sizes = {h, out};
            int[][][] w = new int[2][][];
            int[][] bias = new int[2][];
            int prev = nIn;
            for (int l = 0; l < 2; l++) {
                w[l] = new int[sizes[l]][prev];
                bias[l] = new int[sizes[l]];
                for (int n = 0; n < sizes[l]; n++) {
                    for (int i = 0; i < prev; i++) w[l][n][i] = r.nextInt(41) - 12;
                    bias[l][n] = r.nextInt(5) - 1;
                }
                prev = sizes[l];
            }
            return new Net(nIn, sizes, w, bias, new int[] {40 + r.nextInt(30), 30 + r.nextInt(30)});
        }
    }

    private interface Check {
        /** Called per step and layer; return false to stop the run (first explained divergence). */
        boolean step(
                int t, int l, double[] vFloat, boolean[] zFloat, int[] vFixed, boolean[] zFixed);
    }

    private static void run(Net net, FloatLif[] fl, CubaLif[] fx, boolean[][] input, Check check) {
        int L = net.sizes.length;
        double[][] u = new double[L][],
                v = new double[L][],
                aF = new double[L][],
                bF = new double[L][];
        int[][] aI = new int[L][], bI = new int[L][];
        NeuronState[] sI = new NeuronState[L];
        boolean[][] zF = new boolean[L][];
        boolean[][] prevZF = new boolean[L + 1][], prevZI = new boolean[L + 1][];
        prevZF[0] = new boolean[net.nIn];
        prevZI[0] = new boolean[net.nIn];
        for (int l = 0; l < L; l++) {
            int n = net.sizes[l];
            u[l] = new double[n];
            v[l] = new double[n];
            aF[l] = new double[n];
            bF[l] = new double[n];
            aI[l] = new int[n];
            bI[l] = new int[n];
            sI[l] = fx[l].newState(n);
            zF[l] = new boolean[n];
            prevZF[l + 1] = new boolean[n];
            prevZI[l + 1] = new boolean[n];
            for (int k = 0; k < n; k++) {
                bF[l][k] = net.bias[l][k];
                bI[l][k] = FixedPoint.effectiveBias(net.bias[l][k], FixedPoint.ACT_SHIFT);
            }
        }
        for (int t = 0; t < input.length; t++) {
            for (int l = 0; l < L; l++) {
                // a[t] = W · z_pre[t-1]: the source's spikes from the previous step
                for (int n = 0; n < net.sizes[l]; n++) {
                    double sf = 0;
                    int si = 0;
                    for (int i = 0; i < net.w[l][n].length; i++) {
                        if (prevZF[l][i]) sf += net.w[l][n][i];
                        if (prevZI[l][i]) si += net.w[l][n][i];
                    }
                    aF[l][n] = sf;
                    aI[l][n] = si;
                }
            }
            for (int l = 0; l < L; l++) {
                fl[l].step(u[l], v[l], aF[l], bF[l], true, zF[l]);
                fx[l].step(sI[l], aI[l], bI[l]);
                if (!check.step(t, l, v[l], zF[l], sI[l].v, sI[l].spikes)) return;
            }
            prevZF[0] = input[t].clone();
            prevZI[0] = input[t].clone();
            for (int l = 0; l < L; l++) {
                prevZF[l + 1] = zF[l].clone();
                prevZI[l + 1] = sI[l].spikes.clone();
            }
        }
    }

    private static boolean[][] randomInput(Random r, int steps, int n, double p) {
        boolean[][] in = new boolean[steps][n];
        for (int t = 0; t < steps; t++) for (int i = 0; i < n; i++) in[t][i] = r.nextDouble() < p;
        return in;
    }

    @Test
    void withoutLeakAndExactWeightsBothFormsSpikeIdentically() {
        Random r = new Random(7);
        long spikes = 0;
        for (int trial = 0; trial < 50; trial++) {
            Net net = Net.random(r, 12, 9, 4);
            // No leak: du = 1 (current is this step's input only), dv = 0 (voltage kept).
            FloatLif[] fl = new FloatLif[2];
            CubaLif[] fx = new CubaLif[2];
            for (int l = 0; l < 2; l++) {
                fl[l] = new FloatLif(1.0, 0.0, net.theta[l], Reset.TO_ZERO);
                fx[l] =
                        new CubaLif(
                                CubaLif.currentDecayFromFloat(1.0),
                                CubaLif.voltageDecayFromFloat(0.0),
                                net.theta[l],
                                Reset.TO_ZERO);
                assertEquals(4095, fx[l].du());
                assertEquals(0, fx[l].dv());
            }
            long[] count = {0};
            run(
                    net,
                    fl,
                    fx,
                    randomInput(r, 60, 12, 0.3),
                    (t, l, vF, zF, vI, zI) -> {
                        for (int n = 0; n < zF.length; n++) {
                            assertEquals(
                                    zF[n],
                                    zI[n],
                                    "spike of neuron " + n + " in layer " + l + " at step " + t);
                            assertEquals(
                                    vF[n] * K,
                                    vI[n],
                                    0.0,
                                    "v of neuron " + n + " in layer " + l + " at step " + t);
                            if (zF[n]) count[0]++;
                        }
                        return true;
                    });
            spikes += count[0];
        }
        assertTrue(
                spikes > 500,
                "the networks must actually spike for the comparison to mean something: " + spikes);
    }

    @Test
    void withLeaksTheFixedFormStaysWithinTheDocumentedBound() {
        Random r = new Random(11);
        long compared = 0;
        double worstUse = 0;
        for (int trial = 0; trial < 50; trial++) {
            Net net = Net.random(r, 12, 9, 4);
            FloatLif[] fl = new FloatLif[2];
            CubaLif[] fx = new CubaLif[2];
            for (int l = 0; l < 2; l++) {
                FloatLif f =
                        new FloatLif(0.2 + 0.1 * l, 0.07 + 0.05 * l, net.theta[l], Reset.TO_ZERO)
                                .snappedToFixedGrid();
                fl[l] = f;
                fx[l] =
                        new CubaLif(
                                CubaLif.currentDecayFromFloat(f.du()),
                                CubaLif.voltageDecayFromFloat(f.dv()),
                                net.theta[l],
                                Reset.TO_ZERO);
            }
            long[] n0 = {0};
            double[] worst = {0};
            run(
                    net,
                    fl,
                    fx,
                    randomInput(r, 80, 12, 0.3),
                    (t, l, vF, zF, vI, zI) -> {
                        double bound = fx[l].voltageErrorBound(t + 1);
                        double thetaFixed = FixedPoint.effectiveThreshold(fx[l].firing().vthMant());
                        for (int n = 0; n < zF.length; n++) {
                            if (zF[n] != zI[n]) {
                                // A divergence is only allowed where the non-spiking form sat
                                // within the bound of threshold.
                                double margin = zF[n] ? thetaFixed - vI[n] : thetaFixed - vF[n] * K;
                                assertTrue(
                                        margin >= 0 && margin <= bound,
                                        "divergence at step "
                                                + t
                                                + " layer "
                                                + l
                                                + " neuron "
                                                + n
                                                + " not explained by rounding: margin "
                                                + margin
                                                + " > bound "
                                                + bound);
                                return false;
                            }
                            double err = Math.abs(vI[n] - vF[n] * K);
                            assertTrue(
                                    err <= bound,
                                    "step "
                                            + t
                                            + " layer "
                                            + l
                                            + " neuron "
                                            + n
                                            + ": |v_fixed − 64·v_float| = "
                                            + err
                                            + " > bound "
                                            + bound);
                            worst[0] = Math.max(worst[0], err / Math.max(bound, 1e-9));
                            n0[0]++;
                        }
                        return true;
                    });
            compared += n0[0];
            worstUse = Math.max(worstUse, worst[0]);
        }
        assertTrue(compared > 5000, "enough neuron-steps compared: " + compared);
        assertTrue(
                worstUse > 0, "leaky runs must show some rounding, else the test compares nothing");
    }

    @Test
    void decayTruncatesTowardZeroAndBoundsHoldByHand() {
        // 100 · 4095 / 4096 = 99.97 -> 99 ; -100 · 4095 / 4096 -> -99 (toward zero, not floor)
        assertEquals(99, FixedPoint.decay(100, 4095));
        assertEquals(-99, FixedPoint.decay(-100, 4095));
        assertEquals(0, FixedPoint.decay(12345, 0));
        // du = 0.25 -> 1023, dv = 0.1 -> 410
        assertEquals(1023, CubaLif.currentDecayFromFloat(0.25));
        assertEquals(410, CubaLif.voltageDecayFromFloat(0.1));
        CubaLif f = new CubaLif(1023, 410, 10, Reset.TO_ZERO);
        // step 1: eu = 1, ev = 0 + 1 + 1 = 2; step 2: eu = 0.75 + 1 = 1.75, ev = 2·(3686/4096) +
        // 1.75 + 1
        assertEquals(2.0, f.voltageErrorBound(1), 1e-12);
        assertEquals(2 * 3686 / 4096.0 + 2.75, f.voltageErrorBound(2), 1e-12);
        assertEquals(0.0, new CubaLif(4095, 0, 10, Reset.TO_ZERO).voltageErrorBound(100), 0.0);
    }

    @Test
    void stateRegistersWrapAndClipAt24Bits() {
        int max = FixedPoint.MAX_STATE; // 2^23 - 1
        assertEquals(max, FixedPoint.clipVoltage(max + 5L));
        assertEquals(-max, FixedPoint.clipVoltage(-max - 5L));
        // u above 2^23 wraps by 2^24
        assertEquals(1 - (1 << 23), FixedPoint.wrapCurrent((1 << 23) + 1));
        assertEquals((1 << 23) - 1, FixedPoint.wrapCurrent(-(1 << 23) - 1));
        assertEquals(12, FixedPoint.applyWeightExponent(3, 2));
        assertEquals(-2, FixedPoint.applyWeightExponent(-3, -1)); // arithmetic shift: floor(-1.5)
    }
}
