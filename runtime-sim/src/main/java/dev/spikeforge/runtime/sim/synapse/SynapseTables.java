package dev.spikeforge.runtime.sim.synapse;

/**
 * Splits a connection's synapses over the target layer's partitions, in the layout the kernel
 * choice asks for.
 */
public final class SynapseTables {
    private SynapseTables() {}

    /**
     * One table per partition; partition p covers targets [bounds[p], bounds[p + 1]). Weights must
     * fit 8 bits (the chip's weight memory, and the simulator's). A graded connection (its spikes
     * carry payloads) is built as {@link SparsePartition}, the layout that multiplies by a payload,
     * whatever the choice.
     */
    public static SynapsePartition[] build(
            String what, SynapseList list, int[] bounds, KernelChoice choice, boolean graded) {
        int parts = bounds.length - 1, sources = list.sources();
        int[] partOf = new int[list.targets()];
        for (int p = 0; p < parts; p++)
            for (int n = bounds[p]; n < bounds[p + 1]; n++) partOf[n] = p;
        int[][] count = new int[parts][sources + 1];
        long[] total = new long[1];
        list.forEach(
                (i, n, w) -> {
                    if (w < Byte.MIN_VALUE || w > Byte.MAX_VALUE) {
                        throw new IllegalArgumentException(
                                what
                                        + ": weight "
                                        + w
                                        + " of neuron "
                                        + n
                                        + ", input "
                                        + i
                                        + " does not fit the simulator's 8-bit synapse (range"
                                        + " -128..127)");
                    }
                    count[partOf[n]][i + 1]++;
                    total[0]++;
                });
        boolean dense = !graded && choice.dense(total[0], sources, list.targets());
        SynapsePartition[] out = new SynapsePartition[parts];
        if (dense) {
            byte[][] rows = new byte[parts][];
            int[][] nonZero = new int[parts][sources];
            for (int p = 0; p < parts; p++)
                rows[p] = new byte[Math.multiplyExact(sources, bounds[p + 1] - bounds[p])];
            list.forEach(
                    (i, n, w) -> {
                        int p = partOf[n], len = bounds[p + 1] - bounds[p];
                        rows[p][i * len + n - bounds[p]] = (byte) w;
                        nonZero[p][i]++;
                    });
            for (int p = 0; p < parts; p++)
                out[p] =
                        new DensePartition(
                                bounds[p], bounds[p + 1] - bounds[p], rows[p], nonZero[p]);
            return out;
        }
        char[][] targets = new char[parts][];
        byte[][] weights = new byte[parts][];
        int[][] fill = new int[parts][];
        for (int p = 0; p < parts; p++) {
            int[] c = count[p];
            for (int i = 0; i < sources; i++) c[i + 1] += c[i];
            targets[p] = new char[c[sources]];
            weights[p] = new byte[c[sources]];
            fill[p] = java.util.Arrays.copyOf(c, sources);
        }
        list.forEach(
                (i, n, w) -> {
                    int p = partOf[n], k = fill[p][i]++;
                    targets[p][k] = (char) (n - bounds[p]);
                    weights[p][k] = (byte) w;
                });
        for (int p = 0; p < parts; p++) {
            int base = bounds[p], length = bounds[p + 1] - base;
            sortRows(count[p], targets[p], weights[p]);
            long synapses = targets[p].length;
            int layout =
                    graded
                            ? 0
                            : choice.sparseLayout(
                                    synapses,
                                    entries(count[p], targets[p], 8),
                                    entries(count[p], targets[p], 12));
            out[p] =
                    layout == 0
                            ? new SparsePartition(base, length, count[p], targets[p], weights[p])
                            : DeltaPartition.encode(
                                    base,
                                    length,
                                    layout,
                                    count[p],
                                    targets[p],
                                    weights[p],
                                    entries(count[p], targets[p], layout));
            // Let the per-partition build arrays go as soon as their table exists.
            targets[p] = null;
            weights[p] = null;
        }
        return out;
    }

    /**
     * Entries (synapses + fillers) of the rows with gaps of {@code gapBits} bits; -1 when they do
     * not fit the layout.
     */
    private static long entries(int[] start, char[] target, int gapBits) {
        long n = start[start.length - 1];
        for (int i = 0; i + 1 < start.length; i++) {
            int f = DeltaPartition.fillers(target, start[i], start[i + 1], gapBits);
            if (f > DeltaPartition.MAX_ROW_FILLERS) return -1;
            n += f;
        }
        return n > DeltaPartition.MAX_ENTRIES ? -1 : n;
    }

    /**
     * Sorts each source's synapses by target (a sparse list may state them in any order; the
     * layouts need them ascending).
     */
    private static void sortRows(int[] start, char[] target, byte[] weight) {
        int[] packed = null;
        for (int i = 0; i + 1 < start.length; i++) {
            int s = start[i], e = start[i + 1];
            boolean sorted = true;
            for (int k = s + 1; k < e && sorted; k++) sorted = target[k - 1] < target[k];
            if (sorted) continue;
            if (packed == null || packed.length < e - s) packed = new int[Math.max(e - s, 16)];
            for (int k = s; k < e; k++) packed[k - s] = target[k] << 8 | (weight[k] & 0xFF);
            java.util.Arrays.sort(packed, 0, e - s);
            for (int k = s; k < e; k++) {
                target[k] = (char) (packed[k - s] >>> 8);
                weight[k] = (byte) packed[k - s];
            }
        }
    }
}
