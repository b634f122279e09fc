package dev.spikeforge.compiler.validate;

import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SparseWeights;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;

/**
 * A test reference: a plain integer run of a compiled network, per-neuron thresholds ({@code vth_mants}) included,
 * written out from docs/compiled-network.md with {@link FixedPoint}'s primitives and no code of the simulator.
 * Tests hold the simulator bit-equal to it (conv, per-channel). Scores: the readout's v after the last step, or the
 * last layer's spike counts. Dense loops and allocation per step: for tiny test networks only. Refractory periods and
 * axon delays (which the compiler never emits) are refused.
 */
public final class FixedReference {
    private final CompiledNetwork net;
    private final int[][] columns;     // per layer, [fanIn][size]
    private final int[][] recurrent;   // per layer, [size][size] or null
    private final int[][] vth, bias;
    private final int[] fu, fv;
    private int[][] u, v;
    private boolean[][] spikes, previous;
    private int[] previousInput = new int[0];
    private long[] counts;

    public FixedReference(CompiledNetwork net) {
        this.net = net;
        int n = net.getLayersCount();
        columns = new int[n][];
        recurrent = new int[n][];
        vth = new int[n][];
        bias = new int[n][];
        fu = new int[n];
        fv = new int[n];
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            FixedLifParams p = cl.getNeuron();
            String where = "layer '" + cl.getName() + "': ";
            if (p.getRefractorySteps() != 0 || cl.getAxonDelay() != 0) {
                throw new IllegalArgumentException(where + "refractory steps and axon delays are not run by the compiler's reference");
            }
            int size = cl.getSize();
            columns[l] = cl.hasSparseWeights() ? columns(cl.getSparseWeights(), size, cl.getFanIn()) : transpose(cl.getWeightsList(), size, cl.getFanIn());
            if (cl.hasSparseRecurrentWeights()) recurrent[l] = columns(cl.getSparseRecurrentWeights(), size, size);
            else if (cl.getRecurrentWeightsCount() > 0) recurrent[l] = transpose(cl.getRecurrentWeightsList(), size, size);
            vth[l] = new int[size];
            for (int k = 0; k < size; k++) {
                int m = cl.getVthMantsCount() > 0 ? cl.getVthMants(k) : p.getVthMant();
                vth[l][k] = FixedPoint.effectiveThreshold(m);
            }
            bias[l] = new int[size];
            for (int k = 0; k < cl.getBiasMantCount(); k++) bias[l][k] = FixedPoint.effectiveBias(cl.getBiasMant(k), cl.getBiasExp());
            if (p.getModel() == NeuronModel.CUBA_LIF) {
                CubaLif f = new CubaLif(p.getDu(), p.getDv(), 1, dev.spikeforge.neuron.Reset.TO_ZERO);
                fu[l] = f.currentFactor();
                fv[l] = f.voltageFactor();
            }
        }
        reset();
    }

    private static int[] transpose(java.util.List<Integer> w, int size, int fanIn) {
        int[] t = new int[size * fanIn];
        for (int k = 0; k < size; k++) for (int i = 0; i < fanIn; i++) t[i * size + k] = w.get(k * fanIn + i);
        return t;
    }

    private static int[] columns(SparseWeights s, int size, int fanIn) {
        int[] t = new int[size * fanIn];
        for (int i = 0; i < fanIn; i++) {
            for (int j = s.getSourceStart(i); j < s.getSourceStart(i + 1); j++) t[i * size + s.getTarget(j)] = s.getWeight(j);
        }
        return t;
    }

    public void reset() {
        int n = net.getLayersCount();
        u = new int[n][];
        v = new int[n][];
        spikes = new boolean[n][];
        previous = new boolean[n][];
        for (int l = 0; l < n; l++) {
            int size = net.getLayers(l).getSize();
            u[l] = new int[size];
            v[l] = new int[size];
            spikes[l] = new boolean[size];
            previous[l] = new boolean[size];
        }
        previousInput = new int[0];
        counts = new long[net.getLayers(n - 1).getSize()];
    }

    /** One step; the given input spikes reach layer 0 on the next step. */
    public void step(int[] inputSpikes) {
        int n = net.getLayersCount();
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            int size = cl.getSize();
            long[] acc = new long[size];
            if (cl.getSource() < 0) {
                for (int i : previousInput) add(acc, columns[l], i, size);
            } else {
                boolean[] src = previous[cl.getSource()];
                for (int i = 0; i < src.length; i++) if (src[i]) add(acc, columns[l], i, size);
            }
            if (recurrent[l] != null) {
                boolean[] own = previous[l];
                for (int m = 0; m < own.length; m++) if (own[m]) add(acc, recurrent[l], m, size);
            }
            update(l, cl, acc);
        }
        for (int l = 0; l < n; l++) System.arraycopy(spikes[l], 0, previous[l], 0, spikes[l].length);
        boolean[] last = spikes[n - 1];
        for (int k = 0; k < last.length; k++) if (last[k]) counts[k]++;
        previousInput = inputSpikes.clone();
    }

    private void update(int l, CompiledLayer cl, long[] acc) {
        FixedLifParams p = cl.getNeuron();
        boolean spiking = !p.getReadout(), subtract = p.getReset() == ResetMode.RESET_BY_SUBTRACTION;
        int[] ul = u[l], vl = v[l], th = vth[l], b = bias[l];
        for (int k = 0; k < ul.length; k++) {
            int a = FixedPoint.applyWeightExponent(acc[k], cl.getWeightExp());
            long vRaw;
            switch (p.getModel()) {
                case SHIFT_LIF -> {
                    ul[k] = FixedPoint.wrapCurrent(ul[k] - (ul[k] >> p.getSynShift()) + (a << ACT_SHIFT));
                    vRaw = (long) vl[k] - (vl[k] >> p.getMemShift()) + ul[k] + b[k];
                }
                case INTEGRATE_AND_FIRE -> vRaw = (long) vl[k] + FixedPoint.wrapCurrent(a << ACT_SHIFT) + b[k];
                default -> {
                    ul[k] = FixedPoint.wrapCurrent(FixedPoint.decay(ul[k], fu[l]) + (a << ACT_SHIFT));
                    vRaw = (long) FixedPoint.decay(vl[k], fv[l]) + ul[k] + b[k];
                }
            }
            int vn = FixedPoint.clipVoltage(vRaw);
            boolean z = spiking && vn > th[k];
            if (z) vn = subtract ? vn - th[k] : 0;
            vl[k] = vn;
            spikes[l][k] = z;
        }
    }

    private static void add(long[] acc, int[] columns, int source, int size) {
        int base = source * size;
        for (int k = 0; k < size; k++) acc[k] += columns[base + k];
    }

    /** Spikes of layer l on the last step (live view). */
    public boolean[] spikes(int l) {
        return spikes[l];
    }

    /** The readout's v after the last step, or the last layer's spike counts. */
    public long[] scores() {
        int n = net.getLayersCount();
        long[] s = new long[counts.length];
        if (net.getLayers(n - 1).getNeuron().getReadout()) for (int k = 0; k < s.length; k++) s[k] = v[n - 1][k];
        else System.arraycopy(counts, 0, s, 0, s.length);
        return s;
    }
}
