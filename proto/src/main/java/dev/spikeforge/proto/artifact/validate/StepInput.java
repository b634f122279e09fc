package dev.spikeforge.proto.artifact.validate;

import dev.spikeforge.proto.SparseWeights;
import java.util.Arrays;
import java.util.List;

/**
 * The largest input any neuron of a layer can receive in one step, every source spiking at once.
 * With inputs of one sign (binary spikes, pooling counts) a neuron's sum lies between −Σw⁻ and Σw⁺,
 * so the bound is max(Σw⁺, Σw⁻); with signed payloads (direct input) it is Σ|w|. Dense matrices are
 * summed row by row into two counters per neuron (no more memory than the matrix itself); sparse
 * lists without a dense matrix are sorted by target as (target, w) pairs, so a huge declared layer
 * with few synapses costs memory for its synapses only.
 */
final class StepInput {
    private static final long BIAS = 1L << 31;
    private final long size;
    private long[] positive, negative;
    private long[] pairs = new long[0];
    private int pairCount;

    StepInput(long size) {
        this.size = size;
    }

    /** Row-major [size][sources] weights. */
    void addDense(List<Integer> weights, long sources) {
        if (positive == null) {
            positive = new long[(int) size];
            negative = new long[(int) size];
        }
        for (int n = 0; n < size; n++) {
            long pos = 0, neg = 0;
            for (long i = n * sources, end = i + sources; i < end; i++) {
                long w = weights.get((int) i);
                if (w > 0) pos += w;
                else neg -= w;
            }
            positive[n] += pos;
            negative[n] += neg;
        }
    }

    void addSparse(SparseWeights s) {
        int n = s.getTargetCount();
        if (pairs.length - pairCount < n) pairs = Arrays.copyOf(pairs, pairCount + n);
        for (int k = 0; k < n; k++) {
            // target below 2^30 in the high half, w + 2^31 in the low: sorting groups a neuron's
            // weights
            pairs[pairCount++] =
                    Integer.toUnsignedLong(s.getTarget(k)) << 32 | (s.getWeight(k) + BIAS);
        }
    }

    /** max over neurons of Σ|w|: the bound for inputs of either sign. */
    long largest() {
        return most(false);
    }

    /** max over neurons of max(Σw⁺, Σw⁻): the bound for inputs of one sign. */
    long largestOneSign() {
        return most(true);
    }

    private long most(boolean oneSign) {
        if (positive != null) {
            long[] pos = positive.clone(), neg = negative.clone();
            for (int k = 0; k < pairCount; k++) {
                int t = (int) (pairs[k] >>> 32);
                long w = (pairs[k] & 0xFFFF_FFFFL) - BIAS;
                if (w > 0) pos[t] += w;
                else neg[t] -= w;
            }
            long most = 0;
            for (int n = 0; n < pos.length; n++)
                most = Math.max(most, oneSign ? Math.max(pos[n], neg[n]) : pos[n] + neg[n]);
            return most;
        }
        Arrays.sort(pairs, 0, pairCount);
        long most = 0, pos = 0, neg = 0, target = -1;
        for (int k = 0; k < pairCount; k++) {
            long t = pairs[k] >>> 32;
            if (t != target) {
                target = t;
                pos = 0;
                neg = 0;
            }
            long w = (pairs[k] & 0xFFFF_FFFFL) - BIAS;
            if (w > 0) pos += w;
            else neg -= w;
            most = Math.max(most, oneSign ? Math.max(pos, neg) : pos + neg);
        }
        return most;
    }
}
