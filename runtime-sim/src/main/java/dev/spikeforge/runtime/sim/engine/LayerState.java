package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.neuron.NeuronState;
import java.util.Arrays;

/**
 * One simulator's mutable state of one layer: neuron registers, delay lines, spike lists and idle
 * flags.
 */
final class LayerState {
    final NeuronState neurons;

    /**
     * acc[p][slot][n - bounds[p]]: dendritic sums arriving on steps t with t % ring == slot, per
     * partition.
     */
    final int[][][] acc;

    /**
     * quiet[p][g - segStart[p]]: every neuron of segment g has u = v = 0, no refractory countdown
     * and did not spike, so its update can be skipped. One array per partition: threads write their
     * own flags every step.
     */
    final boolean[][] quiet;

    /**
     * spikeList[parity][p]: neurons of partition p that spiked on the last step of that parity
     * (ascending).
     */
    final int[][][] spikeList;

    final int[][] spikeCount;

    /**
     * payloadList[parity][p][k]: the payload of spikeList[parity][p][k], for a graded layer (else
     * null).
     */
    final int[][][] payloadList;

    private final LayerModel model;

    LayerState(LayerModel m) {
        this.model = m;
        this.neurons = m.kernel.model().newState(m.size);
        int parts = m.segments.partitions();
        this.acc = new int[parts][m.ring][];
        this.spikeList = new int[2][parts][];
        this.spikeCount = new int[2][parts];
        boolean graded = m.kernel.model().firing().isGraded();
        this.payloadList = graded ? new int[2][parts][] : null;
        for (int p = 0; p < parts; p++) {
            int len = m.segments.bounds[p + 1] - m.segments.bounds[p];
            for (int s = 0; s < m.ring; s++) acc[p][s] = new int[len];
            spikeList[0][p] = new int[len];
            spikeList[1][p] = new int[len];
            if (graded) {
                payloadList[0][p] = new int[len];
                payloadList[1][p] = new int[len];
            }
        }
        this.quiet = new boolean[parts][];
        for (int p = 0; p < parts; p++)
            quiet[p] = new boolean[m.segments.segStart[p + 1] - m.segments.segStart[p]];
        reset();
    }

    void reset() {
        neurons.reset();
        for (int[][] part : acc) for (int[] slot : part) Arrays.fill(slot, 0);
        Segments seg = model.segments;
        for (int p = 0; p < quiet.length; p++)
            for (int g = seg.segStart[p]; g < seg.segStart[p + 1]; g++)
                quiet[p][g - seg.segStart[p]] = !seg.biased[g];
        Arrays.fill(spikeCount[0], 0);
        Arrays.fill(spikeCount[1], 0);
    }
}
