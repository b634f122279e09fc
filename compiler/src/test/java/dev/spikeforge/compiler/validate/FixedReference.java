package dev.spikeforge.compiler.validate;

import dev.spikeforge.neuron.FixedNeuron;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.codec.NeuronCodec;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.SparseWeights;

/**
 * A test reference: a plain integer run of a compiled network, per-neuron thresholds ({@code
 * vth_mants}) included: dense sums written out from docs/compiled-network.md, each layer stepped by
 * the neuron module's model ({@link FixedNeuron}), and no code of the simulator. Tests hold the
 * simulator bit-equal to it (conv, per-channel). Scores: the readout's v after the last step, or
 * the last layer's spike counts. Dense loops and allocation per step: for tiny test networks only.
 * Axon delays (which the compiler never emits) are refused.
 */
public final class FixedReference {
    private final CompiledNetwork net;
    private final int[][] columns; // per layer, [fanIn][size]
    private final int[][] recurrent; // per layer, [size][size] or null
    private final int[][] bias;
    private final FixedNeuron[] model;
    private NeuronState[] state;
    private boolean[][] previous;
    private int[] previousInput = new int[0];
    private long[] counts;

    public FixedReference(CompiledNetwork net) {
        this.net = net;
        int n = net.getLayersCount();
        columns = new int[n][];
        recurrent = new int[n][];
        bias = new int[n][];
        model = new FixedNeuron[n];
        for (int l = 0; l < n; l++) {
            CompiledLayer cl = net.getLayers(l);
            String where = "layer '" + cl.getName() + "': ";
            if (cl.getAxonDelay() != 0)
                throw new IllegalArgumentException(
                        where + "axon delays are not run by the compiler's reference");
            int size = cl.getSize();
            columns[l] =
                    cl.hasSparseWeights()
                            ? columns(cl.getSparseWeights(), size, cl.getFanIn())
                            : transpose(cl.getWeightsList(), size, cl.getFanIn());
            if (cl.hasSparseRecurrentWeights())
                recurrent[l] = columns(cl.getSparseRecurrentWeights(), size, size);
            else if (cl.getRecurrentWeightsCount() > 0)
                recurrent[l] = transpose(cl.getRecurrentWeightsList(), size, size);
            model[l] = NeuronCodec.fromProto(cl);
            bias[l] = new int[size];
            for (int k = 0; k < cl.getBiasMantCount(); k++)
                bias[l][k] = FixedPoint.effectiveBias(cl.getBiasMant(k), cl.getBiasExp());
        }
        reset();
    }

    private static int[] transpose(java.util.List<Integer> w, int size, int fanIn) {
        int[] t = new int[size * fanIn];
        for (int k = 0; k < size; k++)
            for (int i = 0; i < fanIn; i++) t[i * size + k] = w.get(k * fanIn + i);
        return t;
    }

    private static int[] columns(SparseWeights s, int size, int fanIn) {
        int[] t = new int[size * fanIn];
        for (int i = 0; i < fanIn; i++) {
            for (int j = s.getSourceStart(i); j < s.getSourceStart(i + 1); j++)
                t[i * size + s.getTarget(j)] = s.getWeight(j);
        }
        return t;
    }

    public void reset() {
        int n = net.getLayersCount();
        state = new NeuronState[n];
        previous = new boolean[n][];
        for (int l = 0; l < n; l++) {
            int size = net.getLayers(l).getSize();
            state[l] = model[l].newState(size);
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
        for (int l = 0; l < n; l++)
            System.arraycopy(state[l].spikes, 0, previous[l], 0, previous[l].length);
        boolean[] last = state[n - 1].spikes;
        for (int k = 0; k < last.length; k++) if (last[k]) counts[k]++;
        previousInput = inputSpikes.clone();
    }

    private void update(int l, CompiledLayer cl, long[] acc) {
        int[] a = new int[acc.length];
        for (int k = 0; k < a.length; k++)
            a[k] = FixedPoint.applyWeightExponent(acc[k], cl.getWeightExp());
        model[l].step(state[l], a, bias[l]);
    }

    private static void add(long[] acc, int[] columns, int source, int size) {
        int base = source * size;
        for (int k = 0; k < size; k++) acc[k] += columns[base + k];
    }

    /** Spikes of layer l on the last step (live view). */
    public boolean[] spikes(int l) {
        return state[l].spikes;
    }

    /** The readout's v after the last step, or the last layer's spike counts. */
    public long[] scores() {
        int n = net.getLayersCount();
        long[] s = new long[counts.length];
        if (net.getLayers(n - 1).getNeuron().getReadout())
            for (int k = 0; k < s.length; k++) s[k] = state[n - 1].v[k];
        else System.arraycopy(counts, 0, s, 0, s.length);
        return s;
    }
}
