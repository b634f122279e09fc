package dev.spikeforge.compiler.mapping;

import java.util.List;

/**
 * For each neuron of a layer, the cores of the layers reading it that it sends to: per reading
 * layer the interval [first, last] of its cores whose neurons' spans include the neuron; and how
 * many neurons of all of them can read it (its fan-out). Spans are monotone, so both ends are found
 * in one sweep per reader. A layer is usually read by the next one only; a residual network's
 * layers may be read by several later ones (each a sum's source), or by none but the host (the last
 * layer: no destinations).
 */
final class Destinations {
    /**
     * One reading layer as its source's neurons see it: every core alike (dense), or per neuron an
     * interval of cores.
     */
    private record Reader(boolean uniform, int uniformCount, int[] first, int[] last) {
        int count(int n) {
            return uniform ? uniformCount : Math.max(0, last[n] - first[n] + 1);
        }
    }

    /**
     * A layer reading this one: its shape, its cores' ranges (empty when it could not be mapped)
     * and core count.
     */
    record Target(LayerShape layer, List<NeuronRange> ranges, int cores) {}

    private final Reader[] readers;
    final long maxFanOut;

    /** A recurrent layer's neurons also send to every core of their own layer. */
    final int ownCores;

    private Destinations(Reader[] readers, long maxFanOut, int ownCores) {
        this.readers = readers;
        this.maxFanOut = maxFanOut;
        this.ownCores = ownCores;
    }

    /**
     * The same, plus sending to the layer's own {@code cores} cores and {@code size} neurons
     * (recurrent).
     */
    Destinations withOwnLayer(int cores, int size) {
        return new Destinations(readers, maxFanOut + size, cores);
    }

    static Destinations none() {
        return new Destinations(new Reader[0], 0, 0);
    }

    /** Destinations of a layer of {@code size} neurons read by {@code targets}. */
    static Destinations of(int size, List<Target> targets) {
        Reader[] readers = new Reader[targets.size()];
        long fanOut = 0;
        for (int r = 0; r < readers.length; r++) {
            Target t = targets.get(r);
            readers[r] = reader(size, t.layer(), t.ranges(), t.cores());
            Connectivity c = t.layer().connectivity();
            // A neuron's fan-out adds up over its readers (the most of each: a bound when they peak
            // at different neurons).
            fanOut +=
                    c.full() || t.ranges().isEmpty()
                            ? t.layer().size()
                            : c.maxReaders(t.layer().size());
        }
        return new Destinations(readers, fanOut, 0);
    }

    /**
     * @param nextRanges the reading layer's cores (when it could not be mapped: {@code nextCores}
     *     cores assumed)
     */
    private static Reader reader(
            int size, LayerShape next, List<NeuronRange> nextRanges, int nextCores) {
        Connectivity c = next.connectivity();
        if (c.full() || nextRanges.isEmpty()) return new Reader(true, nextCores, null, null);
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
        return new Reader(false, 0, first, last);
    }

    /** Output axons of neuron n: one per core it sends to. */
    int count(int n) {
        int c = ownCores;
        for (Reader r : readers) c += r.count(n);
        return c;
    }

    int readers() {
        return readers.length;
    }

    /**
     * Cores of reader r that every neuron sends to (dense), or −1 when it depends on the neuron.
     */
    int uniformCount(int r) {
        return readers[r].uniform() ? readers[r].uniformCount() : -1;
    }

    /**
     * First core of reader r that neuron n sends to, when it sends to any (see {@link #count(int,
     * int)}).
     */
    int first(int r, int n) {
        return readers[r].first()[n];
    }

    int last(int r, int n) {
        return readers[r].last()[n];
    }

    /** Cores of reader r that neuron n sends to. */
    int count(int r, int n) {
        return readers[r].count(n);
    }
}
