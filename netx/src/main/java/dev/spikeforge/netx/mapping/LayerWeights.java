package dev.spikeforge.netx.mapping;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.SparseWeights;

/**
 * A compiled layer's synapses as the dense row-major matrices netx stores ([size, fan_in]
 * feed-forward, [size, size] recurrent; 0 where there is no synapse), read from {@code weights} or
 * {@code sparse_weights} (and their recurrent forms), and back as CSR for layers where most entries
 * are 0.
 */
public final class LayerWeights {
    private LayerWeights() {}

    /** Entries of a dense matrix netx can hold in one Java array (and jhdf write). */
    public static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;

    public static int[] feedForward(CompiledLayer l) {
        return dense(
                l.getWeightsList(),
                l.hasSparseWeights() ? l.getSparseWeights() : null,
                l.getSize(),
                l.getFanIn());
    }

    /** Null when the layer is not recurrent. */
    public static int[] recurrent(CompiledLayer l) {
        if (l.getRecurrentWeightsCount() == 0 && !l.hasSparseRecurrentWeights()) return null;
        return dense(
                l.getRecurrentWeightsList(),
                l.hasSparseRecurrentWeights() ? l.getSparseRecurrentWeights() : null,
                l.getSize(),
                l.getSize());
    }

    private static int[] dense(
            java.util.List<Integer> weights, SparseWeights sparse, int rows, int cols) {
        long entries = (long) rows * cols;
        if (entries > MAX_ENTRIES)
            throw new IllegalArgumentException(
                    rows + " x " + cols + " weights do not fit one array");
        int[] out = new int[(int) entries];
        if (sparse == null) {
            for (int i = 0; i < out.length; i++) out[i] = weights.get(i);
            return out;
        }
        for (int s = 0; s < cols; s++) {
            for (int k = sparse.getSourceStart(s); k < sparse.getSourceStart(s + 1); k++) {
                out[sparse.getTarget(k) * cols + s] = sparse.getWeight(k);
            }
        }
        return out;
    }

    /** The nonzero entries of a [rows, cols] row-major matrix in CSR order by source (column). */
    public static SparseWeights sparse(int[] dense, int rows, int cols) {
        int[] count = new int[cols + 1];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) if (dense[r * cols + c] != 0) count[c + 1]++;
        for (int c = 0; c < cols; c++) count[c + 1] += count[c];
        int[] target = new int[count[cols]], weight = new int[count[cols]], next = count.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int w = dense[r * cols + c];
                if (w == 0) continue;
                target[next[c]] = r;
                weight[next[c]++] = w;
            }
        }
        SparseWeights.Builder b = SparseWeights.newBuilder();
        for (int c = 0; c <= cols; c++) b.addSourceStart(count[c]);
        for (int k = 0; k < target.length; k++) b.addTarget(target[k]).addWeight(weight[k]);
        return b.build();
    }

    /** Nonzero synapses of each neuron (recurrent ones included), for the mapper. */
    public static int[] synapsesPerNeuron(CompiledLayer l) {
        int[] out = new int[l.getSize()];
        count(
                l.getWeightsList(),
                l.hasSparseWeights() ? l.getSparseWeights() : null,
                l.getSize(),
                l.getFanIn(),
                out);
        count(
                l.getRecurrentWeightsList(),
                l.hasSparseRecurrentWeights() ? l.getSparseRecurrentWeights() : null,
                l.getSize(),
                l.getSize(),
                out);
        return out;
    }

    private static void count(
            java.util.List<Integer> weights, SparseWeights sparse, int rows, int cols, int[] out) {
        if (sparse != null) {
            for (int k = 0; k < sparse.getTargetCount(); k++)
                if (sparse.getWeight(k) != 0) out[sparse.getTarget(k)]++;
            return;
        }
        if (weights.isEmpty()) return;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) if (weights.get(r * cols + c) != 0) out[r]++;
    }
}
