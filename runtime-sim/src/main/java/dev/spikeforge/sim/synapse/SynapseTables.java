package dev.spikeforge.sim.synapse;

/** Splits a connection's synapses over the target layer's partitions, in the layout the kernel choice asks for. */
public final class SynapseTables {
    private SynapseTables() {}

    /**
     * One table per partition; partition p covers targets [bounds[p], bounds[p + 1]). Weights must fit 8 bits
     * (the chip's weight memory, and the simulator's).
     */
    public static SynapsePartition[] build(String what, SynapseList list, int[] bounds, KernelChoice choice) {
        int parts = bounds.length - 1, sources = list.sources();
        int[] partOf = new int[list.targets()];
        for (int p = 0; p < parts; p++) for (int n = bounds[p]; n < bounds[p + 1]; n++) partOf[n] = p;
        int[][] count = new int[parts][sources + 1];
        long[] total = new long[1];
        list.forEach((i, n, w) -> {
            if (w < Byte.MIN_VALUE || w > Byte.MAX_VALUE) {
                throw new IllegalArgumentException(what + ": weight " + w + " of neuron " + n + ", input " + i
                        + " does not fit the simulator's 8-bit synapse (range -128..127)");
            }
            count[partOf[n]][i + 1]++;
            total[0]++;
        });
        boolean dense = choice.dense(total[0], sources, list.targets());
        SynapsePartition[] out = new SynapsePartition[parts];
        if (dense) {
            byte[][] rows = new byte[parts][];
            int[][] nonZero = new int[parts][sources];
            for (int p = 0; p < parts; p++) rows[p] = new byte[Math.multiplyExact(sources, bounds[p + 1] - bounds[p])];
            list.forEach((i, n, w) -> {
                int p = partOf[n], len = bounds[p + 1] - bounds[p];
                rows[p][i * len + n - bounds[p]] = (byte) w;
                nonZero[p][i]++;
            });
            for (int p = 0; p < parts; p++) out[p] = new DensePartition(bounds[p], bounds[p + 1] - bounds[p], rows[p], nonZero[p]);
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
        list.forEach((i, n, w) -> {
            int p = partOf[n], k = fill[p][i]++;
            targets[p][k] = (char) (n - bounds[p]);
            weights[p][k] = (byte) w;
        });
        for (int p = 0; p < parts; p++) out[p] = new SparsePartition(bounds[p], bounds[p + 1] - bounds[p], count[p], targets[p], weights[p]);
        return out;
    }
}
