package dev.spikeforge.trainer.eval;

import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.network.LifNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Accumulates spikes and synaptic operations over batches. A synaptic op is one spike reaching one synapse: every
 * spike of every step (the last step included, as the chip delivers it too) costs the number of non-zero weights
 * in its source's column of the next layer — the synapses the compiled network stores.
 */
public final class ActivityCounter {
    private final long[][] fanOut;      // [source layer + 1][neuron]
    private final double[] spikes;      // per hidden layer
    private final int[] sizes;
    private double inputSpikes, synapticOps;
    private long samples;
    private final int steps;

    public ActivityCounter(LifNetwork net, int steps) {
        this.steps = steps;
        fanOut = new long[net.depth()][];
        for (int l = 0; l < net.depth(); l++) fanOut[l] = nonZeroPerColumn(net.layer(l).weights());
        spikes = new double[net.hiddenLayers()];
        sizes = new int[net.hiddenLayers()];
        for (int l = 0; l < sizes.length; l++) sizes[l] = net.layer(l).size();
    }

    private static long[] nonZeroPerColumn(INDArray w) {
        float[] v = w.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        int rows = (int) w.rows(), cols = (int) w.columns();
        long[] n = new long[cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) if (v[r * cols + c] != 0f) n[c]++;
        return n;
    }

    /** Counts the activity of the batch just run through the forward pass. */
    public void add(BatchWorkspace ws) {
        inputSpikes += count(ws.input().all(), fanOut[0]);
        for (int l = 0; l < spikes.length; l++) spikes[l] += count(ws.layer(l).spikes().all(), fanOut[l + 1]);
        samples += ws.batch();
    }

    /** Spike total of a [T·B, n] 0/1 array; adds their synaptic ops. */
    private double count(INDArray z, long[] fan) {
        double[] perSource = z.sum(0).toDoubleVector();
        double total = 0, ops = 0;
        for (int i = 0; i < perSource.length; i++) {
            total += perSource[i];
            ops += perSource[i] * fan[i];
        }
        synapticOps += ops;
        return total;
    }

    public long samples() {
        return samples;
    }

    public double inputSpikesPerSample() {
        return samples == 0 ? 0 : inputSpikes / samples;
    }

    /** Spikes emitted by the network's neurons (input spikes excluded). */
    public double spikesPerSample() {
        double s = 0;
        for (double x : spikes) s += x;
        return samples == 0 ? 0 : s / samples;
    }

    public double synapticOpsPerSample() {
        return samples == 0 ? 0 : synapticOps / samples;
    }

    /** Spikes per neuron per step, per hidden layer. */
    public double[] firingRates() {
        double[] r = new double[spikes.length];
        for (int l = 0; l < r.length; l++) r[l] = samples == 0 ? 0 : spikes[l] / ((double) samples * steps * sizes[l]);
        return r;
    }
}
