package dev.spikeforge.sim.testing;

import dev.spikeforge.neuron.FixedLif;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.*;

import java.util.HashMap;
import java.util.Map;

/**
 * A deliberately naive simulator for tests: dense int matrices, arrivals kept in a map by step, every neuron updated
 * with {@link FixedLif#step} every step (one FixedLif per neuron when the layer has {@code vth_mants}), and every
 * count taken the obvious way. CUBA LIF without refractory only.
 * It shares no code with the real simulator besides the neuron module.
 */
public final class ReferenceSimulator {
    private final CompiledNetwork net;
    private final int[][][] w;
    private final int[][][] rec;
    private final FixedLif[][] lif;
    private final int[][] u, v, bias, coreOf;
    private final boolean[][] z;
    private final Map<Integer, int[]>[] arrivals;
    public final long[] synOps, spikes, updates, hops, messagesIn, messagesOut;
    public long inputHops;
    private final int[] coreX, coreY;
    private int t;

    @SuppressWarnings("unchecked")
    public ReferenceSimulator(CompiledNetwork net) {
        this.net = net;
        int n = net.getLayersCount();
        w = new int[n][][];
        rec = new int[n][][];
        lif = new FixedLif[n][];
        u = new int[n][];
        v = new int[n][];
        bias = new int[n][];
        coreOf = new int[n][];
        z = new boolean[n][];
        arrivals = new Map[n];
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            int size = cl.getSize(), fanIn = cl.getFanIn();
            if (cl.getNeuron().getModel() != NeuronModel.CUBA_LIF || cl.getNeuron().getRefractorySteps() != 0)
                throw new IllegalArgumentException("the reference runs CUBA LIF without refractory period only");
            w[l] = new int[size][fanIn];
            if (cl.hasSparseWeights()) {
                SparseWeights s = cl.getSparseWeights();
                for (int i = 0; i < fanIn; i++)
                    for (int k = s.getSourceStart(i); k < s.getSourceStart(i + 1); k++) w[l][s.getTarget(k)][i] = s.getWeight(k);
            } else {
                for (int m = 0; m < size; m++) for (int i = 0; i < fanIn; i++) w[l][m][i] = cl.getWeights(m * fanIn + i);
            }
            if (cl.getRecurrentWeightsCount() > 0) {
                rec[l] = new int[size][size];
                for (int m = 0; m < size; m++) for (int i = 0; i < size; i++) rec[l][m][i] = cl.getRecurrentWeights(m * size + i);
            }
            var p = cl.getNeuron();
            Reset reset = p.getReset() == ResetMode.RESET_BY_SUBTRACTION ? Reset.BY_SUBTRACTION : Reset.TO_ZERO;
            // Per-neuron thresholds: one FixedLif per neuron, each stepped over its own one-neuron range.
            lif[l] = new FixedLif[cl.getVthMantsCount() > 0 ? size : 1];
            for (int m = 0; m < lif[l].length; m++) {
                lif[l][m] = new FixedLif(p.getDu(), p.getDv(), cl.getVthMantsCount() > 0 ? cl.getVthMants(m) : p.getVthMant(), reset);
            }
            u[l] = new int[size];
            v[l] = new int[size];
            z[l] = new boolean[size];
            bias[l] = new int[size];
            for (int m = 0; m < cl.getBiasMantCount(); m++) bias[l][m] = FixedPoint.effectiveBias(cl.getBiasMant(m), cl.getBiasExp());
            coreOf[l] = new int[size];
            arrivals[l] = new HashMap<>();
        }
        for (int c = 0; c < net.getCoresCount(); c++) {
            Core core = net.getCores(c);
            for (int m = core.getNeuronBegin(); m < core.getNeuronEnd(); m++) coreOf[core.getLayer()][m] = c;
        }
        int cores = Math.max(1, net.getCoresCount());
        synOps = new long[cores];
        spikes = new long[cores];
        updates = new long[cores];
        hops = new long[cores];
        messagesIn = new long[cores];
        messagesOut = new long[cores];
        // One chip of one-core tiles: a message travels the Manhattan distance between the cores; the host sits at (0, 0).
        coreX = new int[cores];
        coreY = new int[cores];
        for (int c = 0; c < net.getCoresCount(); c++) {
            coreX[c] = net.getCores(c).getX();
            coreY[c] = net.getCores(c).getY();
        }
    }

    private int[] arrivalsAt(int l, int step) {
        return arrivals[l].computeIfAbsent(step, k -> new int[net.getLayers(l).getSize()]);
    }

    /** One step; returns the spikes of every layer (z[l][n]). */
    public boolean[][] step(int[] input) {
        int n = net.getLayersCount();
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            int[] a = arrivalsAt(l, t).clone();
            arrivals[l].remove(t);
            for (int m = 0; m < a.length; m++) a[m] = FixedPoint.applyWeightExponent(a[m], cl.getWeightExp());
            for (int m = 0; m < a.length; m++) if (a[m] != 0 || u[l][m] != 0 || v[l][m] != 0 || bias[l][m] != 0) updates[coreOf[l][m]]++;
            if (lif[l].length == 1) lif[l][0].step(u[l], v[l], a, bias[l], !cl.getNeuron().getReadout(), z[l], 0, a.length);
            else for (int m = 0; m < a.length; m++) lif[l][m].step(u[l], v[l], a, bias[l], !cl.getNeuron().getReadout(), z[l], m, m + 1);
            for (int m = 0; m < a.length; m++) if (z[l][m]) spikes[coreOf[l][m]]++;
        }
        for (int i : input) message(-1, i);
        for (int l = 0; l < n; l++) for (int m = 0; m < z[l].length; m++) if (z[l][m]) message(l, m);
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            int arrive = t + 1 + cl.getAxonDelay();
            if (cl.getSource() == -1) for (int i : input) add(l, arrive, w[l], i);
            else for (int i = 0; i < z[cl.getSource()].length; i++) if (z[cl.getSource()][i]) add(l, arrive, w[l], i);
            if (rec[l] != null) for (int i = 0; i < z[l].length; i++) if (z[l][i]) add(l, t + 1, rec[l], i);
        }
        t++;
        boolean[][] out = new boolean[n][];
        for (int l = 0; l < n; l++) out[l] = z[l].clone();
        return out;
    }

    /** One message from neuron m of layer `source` (-1: input axon m) to every core holding a target of it. */
    private void message(int source, int m) {
        java.util.Set<Integer> cores = new java.util.TreeSet<>();
        for (int l = 0; l < net.getLayersCount(); l++) {
            if (net.getLayers(l).getSource() == source)
                for (int k = 0; k < w[l].length; k++) if (w[l][k][m] != 0) cores.add(coreOf[l][k]);
            if (source == l && rec[l] != null)
                for (int k = 0; k < rec[l].length; k++) if (rec[l][k][m] != 0) cores.add(coreOf[l][k]);
        }
        int from = source < 0 ? -1 : coreOf[source][m];
        int fx = from < 0 ? 0 : coreX[from], fy = from < 0 ? 0 : coreY[from];
        for (int c : cores) {
            messagesIn[c]++;
            long h = Math.abs(fx - coreX[c]) + Math.abs(fy - coreY[c]);
            if (from < 0) inputHops += h;
            else {
                messagesOut[from]++;
                hops[from] += h;
            }
        }
    }

    private void add(int l, int step, int[][] weights, int source) {
        int[] a = arrivalsAt(l, step);
        for (int m = 0; m < a.length; m++) {
            if (weights[m][source] != 0) {
                a[m] += weights[m][source];
                synOps[coreOf[l][m]]++;
            }
        }
    }

    public int[] voltages(int l) {
        return v[l];
    }

    public int[] currents(int l) {
        return u[l];
    }
}
