package dev.spikeforge.artifact.validate;

import dev.spikeforge.proto.SparseWeights;

import java.util.Arrays;
import java.util.List;

/**
 * The largest input any neuron of a layer can receive in one step: the sum of |w| over all its synapses,
 * feed-forward and recurrent (every source spiking at once). Dense matrices are summed row by row into one counter
 * per neuron (no more memory than the matrix itself); sparse lists without a dense matrix are sorted by target as
 * (target, |w|) pairs, so a huge declared layer with few synapses costs memory for its synapses only.
 */
final class StepInput {
    private final long size;
    private long[] perNeuron;
    private long[] pairs = new long[0];
    private int pairCount;

    StepInput(long size) {
        this.size = size;
    }

    /** Row-major [size][sources] weights. */
    void addDense(List<Integer> weights, long sources) {
        if (perNeuron == null) perNeuron = new long[(int) size];
        for (int n = 0; n < size; n++) {
            long sum = 0;
            for (long i = n * sources, end = i + sources; i < end; i++) sum += Math.abs((long) weights.get((int) i));
            perNeuron[n] += sum;
        }
    }

    void addSparse(SparseWeights s) {
        int n = s.getTargetCount();
        if (pairs.length - pairCount < n) pairs = Arrays.copyOf(pairs, pairCount + n);
        for (int k = 0; k < n; k++) {
            // target below 2^30 in the high half, |w| below 2^32 in the low: sorting groups a neuron's weights
            pairs[pairCount++] = Integer.toUnsignedLong(s.getTarget(k)) << 32 | Math.abs((long) s.getWeight(k));
        }
    }

    long largest() {
        if (perNeuron != null) {
            for (int k = 0; k < pairCount; k++) perNeuron[(int) (pairs[k] >>> 32)] += pairs[k] & 0xFFFF_FFFFL;
            long most = 0;
            for (long v : perNeuron) most = Math.max(most, v);
            return most;
        }
        Arrays.sort(pairs, 0, pairCount);
        long most = 0, sum = 0, target = -1;
        for (int k = 0; k < pairCount; k++) {
            long t = pairs[k] >>> 32;
            if (t != target) {
                target = t;
                sum = 0;
            }
            sum += pairs[k] & 0xFFFF_FFFFL;
            most = Math.max(most, sum);
        }
        return most;
    }
}
