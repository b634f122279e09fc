package dev.spikeforge.cli;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SparseWeights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/compiled-network.md's neuron rules computed the plainest way, every value in long, sharing
 * no code with the simulator or the neuron module: whatever the simulator computes in 32 bits must
 * come out the same, so a value that overflows there (and should have been refused) shows up as a
 * difference. Dense matrices, a map of arrivals per step; CUBA_LIF, SHIFT_LIF and
 * INTEGRATE_AND_FIRE with refractory periods, axon delays, recurrence and vth_mants.
 */
final class LongReference {
    private static final long MAX = (1L << 23) - 1;

    record Result(List<long[]> outputSpikes, long[] readout, long spikes, long synapticOps) {}

    static Result run(CompiledNetwork net, int[][] input, int steps) {
        int n = net.getLayersCount();
        long[][][] w = new long[n][][], rec = new long[n][][];
        long[][] u = new long[n][], v = new long[n][], bias = new long[n][], th = new long[n][];
        int[][] refr = new int[n][];
        boolean[][] z = new boolean[n][];
        List<Map<Integer, long[]>> arrivals = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            int size = cl.getSize(), fanIn = cl.getFanIn();
            w[l] =
                    matrix(
                            size,
                            fanIn,
                            cl.getWeightsList(),
                            cl.hasSparseWeights() ? cl.getSparseWeights() : null);
            if (cl.getRecurrentWeightsCount() > 0 || cl.hasSparseRecurrentWeights()) {
                rec[l] =
                        matrix(
                                size,
                                size,
                                cl.getRecurrentWeightsList(),
                                cl.hasSparseRecurrentWeights()
                                        ? cl.getSparseRecurrentWeights()
                                        : null);
            }
            u[l] = new long[size];
            v[l] = new long[size];
            refr[l] = new int[size];
            z[l] = new boolean[size];
            bias[l] = new long[size];
            th[l] = new long[size];
            for (int m = 0; m < size; m++) {
                bias[l][m] =
                        cl.getBiasMantCount() == 0
                                ? 0
                                : (long) cl.getBiasMant(m) << cl.getBiasExp();
                th[l][m] =
                        (long)
                                        (cl.getVthMantsCount() > 0
                                                ? cl.getVthMants(m)
                                                : cl.getNeuron().getVthMant())
                                << 6;
            }
            arrivals.add(new HashMap<>());
        }
        List<long[]> out = new ArrayList<>();
        long spikes = 0, ops = 0;
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < n; l++) {
                CompiledLayer cl = net.getLayers(l);
                FixedLifParams p = cl.getNeuron();
                long[] a = arrivals.get(l).getOrDefault(t, new long[cl.getSize()]);
                arrivals.get(l).remove(t);
                for (int m = 0; m < a.length; m++) {
                    long in =
                            cl.getWeightExp() >= 0
                                    ? a[m] << cl.getWeightExp()
                                    : a[m] >> -cl.getWeightExp();
                    long un =
                            switch (p.getModel()) {
                                case SHIFT_LIF ->
                                        wrap(u[l][m] - (u[l][m] >> p.getSynShift()) + (in << 6));
                                case INTEGRATE_AND_FIRE -> 0;
                                default ->
                                        wrap(trunc(u[l][m] * (4096 - (p.getDu() + 1))) + (in << 6));
                            };
                    u[l][m] = un;
                    z[l][m] = false;
                    if (refr[l][m] > 0) {
                        refr[l][m]--;
                        continue;
                    }
                    long vn =
                            switch (p.getModel()) {
                                case SHIFT_LIF ->
                                        v[l][m] - (v[l][m] >> p.getMemShift()) + un + bias[l][m];
                                case INTEGRATE_AND_FIRE -> v[l][m] + wrap(in << 6) + bias[l][m];
                                default -> trunc(v[l][m] * (4096 - p.getDv())) + un + bias[l][m];
                            };
                    vn = Math.max(-MAX, Math.min(MAX, vn));
                    if (!p.getReadout() && vn > th[l][m]) {
                        z[l][m] = true;
                        spikes++;
                        refr[l][m] = p.getRefractorySteps();
                        vn = p.getReset() == ResetMode.RESET_BY_SUBTRACTION ? vn - th[l][m] : 0;
                    }
                    v[l][m] = vn;
                }
            }
            int[] in = t < input.length ? input[t] : new int[0];
            for (int l = 0; l < n; l++) {
                CompiledLayer cl = net.getLayers(l);
                int arrive = t + 1 + cl.getAxonDelay();
                if (cl.getSource() < 0)
                    for (int i : in) ops += deliver(arrivals.get(l), arrive, w[l], i, cl.getSize());
                else
                    for (int i = 0; i < z[cl.getSource()].length; i++)
                        if (z[cl.getSource()][i])
                            ops += deliver(arrivals.get(l), arrive, w[l], i, cl.getSize());
                if (rec[l] != null)
                    for (int i = 0; i < z[l].length; i++)
                        if (z[l][i])
                            ops += deliver(arrivals.get(l), t + 1, rec[l], i, cl.getSize());
            }
            for (int m = 0; m < z[n - 1].length; m++) if (z[n - 1][m]) out.add(new long[] {t, m});
        }
        long[] readout = net.getLayers(n - 1).getNeuron().getReadout() ? v[n - 1].clone() : null;
        return new Result(out, readout, spikes, ops);
    }

    private static long deliver(
            Map<Integer, long[]> arrivals, int step, long[][] w, int source, int size) {
        long[] a = arrivals.computeIfAbsent(step, k -> new long[size]);
        long ops = 0;
        for (int m = 0; m < size; m++) {
            if (w[m][source] != 0) {
                a[m] += w[m][source];
                ops++;
            }
        }
        return ops;
    }

    private static long[][] matrix(
            int size, int sources, List<Integer> dense, SparseWeights sparse) {
        long[][] m = new long[size][sources];
        if (sparse != null) {
            for (int i = 0; i < sources; i++)
                for (int k = sparse.getSourceStart(i); k < sparse.getSourceStart(i + 1); k++)
                    m[sparse.getTarget(k)][i] = sparse.getWeight(k);
        } else {
            for (int r = 0; r < size; r++)
                for (int i = 0; i < sources; i++) m[r][i] = dense.get(r * sources + i);
        }
        return m;
    }

    /** x / 4096 rounded toward zero. */
    private static long trunc(long x) {
        return x >= 0 ? x >> 12 : -((-x) >> 12);
    }

    /**
     * The current register's one wrap per step, as documented: above 2^23 loses 2^24, at or below
     * −2^23 gains it.
     */
    private static long wrap(long x) {
        if (x > (1L << 23)) return x - (1L << 24);
        if (x <= -(1L << 23)) return x + (1L << 24);
        return x;
    }
}
