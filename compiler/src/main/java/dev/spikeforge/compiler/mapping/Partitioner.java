package dev.spikeforge.compiler.mapping;

import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.proto.ChipProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits layers into cores. A layer's capacity depends on how many cores the next layer has (output axons),
 * so layers are sized last to first. Each layer uses the fewest cores its capacity allows, with neurons
 * spread evenly (sizes differ by at most one) to balance the cores' work.
 */
public final class Partitioner {
    private Partitioner() {}

    public static Partition partition(List<LayerFootprint> layers, ChipProfile p) {
        int n = layers.size();
        int[] cores = new int[n];
        int[] capacity = new int[n];
        List<List<ConstraintViolation>> perLayer = new ArrayList<>();
        for (int i = 0; i < n; i++) perLayer.add(List.of());
        for (int i = n - 1; i >= 0; i--) {
            LayerFootprint l = layers.get(i);
            int nextSize = i + 1 < n ? layers.get(i + 1).size() : 0;
            int nextCores = i + 1 < n ? cores[i + 1] : 0;
            CoreCapacity c = CoreCapacity.of(l, p, nextSize, nextCores);
            perLayer.set(i, c.violations());
            capacity[i] = c.neuronsPerCore();
            // An unmappable layer still counts the cores it needs at least, so the earlier layers and the
            // chip total are checked against a realistic figure and reported in the same pass.
            int lowerBound = ceilDiv(l.size(), Math.max(1, capacity[i] > 0 ? capacity[i] : p.getNeuronsPerCore()));
            cores[i] = lowerBound;
        }
        List<ConstraintViolation> violations = new ArrayList<>();
        perLayer.forEach(violations::addAll);
        int total = Arrays.stream(cores).sum();
        long available = (long) p.getChips() * p.getCoresPerChip();
        if (total > available) {
            violations.add(new ConstraintViolation(ConstraintViolation.NETWORK, ConstraintViolation.CORES, total, available,
                    "use a profile with more chips, fewer weight bits (more neurons per core), or smaller layers"));
        }
        List<List<NeuronRange>> ranges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ranges.add(capacity[i] > 0 ? split(layers.get(i).size(), cores[i]) : List.of());
        }
        return new Partition(ranges, violations, total);
    }

    /** size neurons over k cores, contiguous, the first size mod k cores holding one extra neuron. */
    public static List<NeuronRange> split(int size, int k) {
        List<NeuronRange> out = new ArrayList<>(k);
        int base = size / k, extra = size % k, begin = 0;
        for (int c = 0; c < k; c++) {
            int end = begin + base + (c < extra ? 1 : 0);
            out.add(new NeuronRange(begin, end));
            begin = end;
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
