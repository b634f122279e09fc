package dev.spikeforge.runtime.sim.synapse;

/**
 * Dense kernel: one row of 8-bit weights per source covering the whole partition (zeros included),
 * so a spike is a sequential add of the row with no index reads. Wins over the event kernel when
 * most weights are non-zero. Synaptic ops count only the non-zero weights, as the chip stores only
 * those.
 */
public final class DensePartition extends SynapsePartition {
    private final byte[] rows;
    private final int[] nonZero;

    DensePartition(int base, int length, byte[] rows, int[] nonZero) {
        super(base, length);
        this.rows = rows;
        this.nonZero = nonZero;
    }

    @Override
    public int deliver(int source, int[] acc) {
        final byte[] r = rows;
        final int len = length, off = source * len;
        for (int i = 0; i < len; i++) acc[i] += r[off + i];
        return nonZero[source];
    }

    @Override
    public int fanOut(int source) {
        return nonZero[source];
    }

    @Override
    public long bytes() {
        return rows.length + 4L * nonZero.length;
    }

    @Override
    public String layout() {
        return "dense";
    }

    @Override
    public long synapses() {
        long s = 0;
        for (int c : nonZero) s += c;
        return s;
    }
}
