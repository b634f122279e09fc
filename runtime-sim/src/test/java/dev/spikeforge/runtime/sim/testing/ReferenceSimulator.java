package dev.spikeforge.runtime.sim.testing;

import dev.spikeforge.neuron.FixedNeuron;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.codec.NeuronCodec;
import dev.spikeforge.proto.*;
import java.util.HashMap;
import java.util.Map;

/**
 * A deliberately naive simulator for tests: dense int matrices, arrivals kept in a map by step,
 * every layer's neurons updated with one {@link FixedNeuron#step} over the whole layer every step,
 * and every count taken the obvious way. Every neuron model, per-neuron thresholds, refractory
 * periods, axonal delays and recurrence. It shares no code with the real simulator besides the
 * neuron module.
 */
public final class ReferenceSimulator {
    private final CompiledNetwork net;
    private final int[][][] w;
    private final int[][][] rec;
    private final FixedNeuron[] model;
    private final NeuronState[] state;
    private final int[][] bias, coreOf;
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
        model = new FixedNeuron[n];
        state = new NeuronState[n];
        bias = new int[n][];
        coreOf = new int[n][];
        arrivals = new Map[n];
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            int size = cl.getSize(), fanIn = cl.getFanIn();
            w[l] = new int[size][fanIn];
            if (cl.hasSparseWeights()) {
                SparseWeights s = cl.getSparseWeights();
                for (int i = 0; i < fanIn; i++)
                    for (int k = s.getSourceStart(i); k < s.getSourceStart(i + 1); k++)
                        w[l][s.getTarget(k)][i] = s.getWeight(k);
            } else {
                for (int m = 0; m < size; m++)
                    for (int i = 0; i < fanIn; i++) w[l][m][i] = cl.getWeights(m * fanIn + i);
            }
            if (cl.getRecurrentWeightsCount() > 0) {
                rec[l] = new int[size][size];
                for (int m = 0; m < size; m++)
                    for (int i = 0; i < size; i++)
                        rec[l][m][i] = cl.getRecurrentWeights(m * size + i);
            }
            model[l] = NeuronCodec.fromProto(cl);
            state[l] = model[l].newState(size);
            bias[l] = new int[size];
            for (int m = 0; m < cl.getBiasMantCount(); m++)
                bias[l][m] = FixedPoint.effectiveBias(cl.getBiasMant(m), cl.getBiasExp());
            coreOf[l] = new int[size];
            arrivals[l] = new HashMap<>();
        }
        for (int c = 0; c < net.getCoresCount(); c++) {
            Core core = net.getCores(c);
            for (int m = core.getNeuronBegin(); m < core.getNeuronEnd(); m++)
                coreOf[core.getLayer()][m] = c;
        }
        int cores = Math.max(1, net.getCoresCount());
        synOps = new long[cores];
        spikes = new long[cores];
        updates = new long[cores];
        hops = new long[cores];
        messagesIn = new long[cores];
        messagesOut = new long[cores];
        // One chip of one-core tiles: a message travels the Manhattan distance between the cores;
        // the host sits at (0, 0).
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
            NeuronState s = state[l];
            for (int m = 0; m < a.length; m++)
                a[m] = FixedPoint.applyWeightExponent(a[m], cl.getWeightExp());
            for (int m = 0; m < a.length; m++) {
                boolean refractory = s.refractory != null && s.refractory[m] != 0;
                if (a[m] != 0 || s.u[m] != 0 || s.v[m] != 0 || bias[l][m] != 0 || refractory)
                    updates[coreOf[l][m]]++;
            }
            model[l].step(s, a, bias[l]);
            for (int m = 0; m < a.length; m++) if (s.spikes[m]) spikes[coreOf[l][m]]++;
        }
        for (int i : input) message(-1, i);
        for (int l = 0; l < n; l++)
            for (int m = 0; m < state[l].size(); m++) if (state[l].spikes[m]) message(l, m);
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            int arrive = t + 1 + cl.getAxonDelay();
            if (cl.getSource() == -1) for (int i : input) add(l, arrive, w[l], i);
            else
                for (int i = 0; i < state[cl.getSource()].size(); i++)
                    if (state[cl.getSource()].spikes[i]) add(l, arrive, w[l], i);
            if (rec[l] != null)
                for (int i = 0; i < state[l].size(); i++)
                    if (state[l].spikes[i]) add(l, t + 1, rec[l], i);
        }
        t++;
        boolean[][] out = new boolean[n][];
        for (int l = 0; l < n; l++) out[l] = state[l].spikes.clone();
        return out;
    }

    /**
     * One message from neuron m of layer `source` (-1: input axon m) to every core holding a target
     * of it.
     */
    private void message(int source, int m) {
        java.util.Set<Integer> cores = new java.util.TreeSet<>();
        for (int l = 0; l < net.getLayersCount(); l++) {
            if (net.getLayers(l).getSource() == source)
                for (int k = 0; k < w[l].length; k++) if (w[l][k][m] != 0) cores.add(coreOf[l][k]);
            if (source == l && rec[l] != null)
                for (int k = 0; k < rec[l].length; k++)
                    if (rec[l][k][m] != 0) cores.add(coreOf[l][k]);
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
        return state[l].v;
    }

    public int[] currents(int l) {
        return state[l].u;
    }

    /** Steps left in each neuron's refractory period; null when the layer has none. */
    public int[] refractory(int l) {
        return state[l].refractory;
    }
}
