package dev.spikeforge.compiler.mapping;

import java.util.List;

/**
 * For each neuron of a layer, the interval [first, last] of the next layer's cores it sends to (a core whose
 * neurons' spans include the neuron), and how many next-layer neurons can read it (its fan-out). Spans are
 * monotone, so both ends are found in one sweep. The last layer sends to the host only: no destinations.
 */
final class Destinations {
    final boolean uniform;
    final int uniformCount;
    final int[] first, last;
    final long maxFanOut;
    /** A recurrent layer's neurons also send to every core of their own layer. */
    final int ownCores;

    private Destinations(boolean uniform, int uniformCount, int[] first, int[] last, long maxFanOut, int ownCores) {
        this.uniform = uniform;
        this.uniformCount = uniformCount;
        this.first = first;
        this.last = last;
        this.maxFanOut = maxFanOut;
        this.ownCores = ownCores;
    }

    /** The same, plus sending to the layer's own {@code cores} cores and {@code size} neurons (recurrent). */
    Destinations withOwnLayer(int cores, int size) {
        return new Destinations(uniform, uniformCount, first, last, maxFanOut + size, cores);
    }

    static Destinations none() {
        return new Destinations(true, 0, null, null, 0, 0);
    }

    /** @param nextRanges the next layer's cores (when it could not be mapped: {@code nextCores} cores assumed) */
    static Destinations of(int size, LayerShape next, List<NeuronRange> nextRanges, int nextCores) {
        Connectivity c = next.connectivity();
        if (c.full() || nextRanges.isEmpty()) return new Destinations(true, nextCores, null, null, next.size(), 0);
        int[] first = new int[size], last = new int[size];
        java.util.Arrays.fill(first, -1);
        java.util.Arrays.fill(last, -2);
        // Core k reads sources [spanBegin(its first neuron), spanEnd(its last neuron)).
        int k0 = 0;
        for (int j = 0; j < size; j++) {
            while (k0 < nextRanges.size() && c.spanEnd(nextRanges.get(k0).end() - 1) <= j) k0++;
            int k = k0;
            while (k < nextRanges.size() && c.spanBegin(nextRanges.get(k).begin()) <= j) {
                if (c.spanEnd(nextRanges.get(k).end() - 1) > j) {
                    if (first[j] < 0) first[j] = k;
                    last[j] = k;
                }
                k++;
            }
        }
        return new Destinations(false, 0, first, last, c.maxReaders(next.size()), 0);
    }

    int count(int n) {
        return (uniform ? uniformCount : Math.max(0, last[n] - first[n] + 1)) + ownCores;
    }
}
