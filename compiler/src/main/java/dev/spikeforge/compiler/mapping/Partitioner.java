package dev.spikeforge.compiler.mapping;

import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.proto.ChipProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits layers into cores. How many output axons a neuron needs depends on the cores of the layers
 * reading it (the next one, or every later one that sums it), so layers are packed last to first
 * (see {@link LayerPacker}). A layer that cannot be mapped still counts the cores it needs at
 * least, so the earlier layers and the chip total are checked against a realistic figure in the
 * same pass.
 */
public final class Partitioner {
    private Partitioner() {}

    public static Partition partition(List<LayerShape> layers, ChipProfile p) {
        int n = layers.size();
        CoreLimits limits = CoreLimits.of(p);
        List<List<CoreUse>> cores = new ArrayList<>();
        List<List<ConstraintViolation>> perLayer = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cores.add(List.of());
            perLayer.add(List.of());
        }
        long[] count = new long[n];
        for (int i = n - 1; i >= 0; i--) {
            LayerShape l = layers.get(i);
            List<Destinations.Target> readers = new ArrayList<>();
            for (int j = i + 1; j < n; j++) {
                for (int s : layers.get(j).sourcesAt(j)) {
                    if (s == i)
                        readers.add(
                                new Destinations.Target(
                                        layers.get(j),
                                        ranges(cores.get(j)),
                                        (int) Math.min(Integer.MAX_VALUE, count[j])));
                }
            }
            Destinations dest =
                    readers.isEmpty() ? Destinations.none() : Destinations.of(l.size(), readers);
            LayerPacker.Result r =
                    l.recurrent()
                            ? packRecurrent(i, l, limits, dest)
                            : LayerPacker.pack(i, l, limits, dest);
            cores.set(i, r.cores());
            perLayer.set(i, r.violations());
            count[i] =
                    r.cores().isEmpty()
                            ? ceilDiv(l.size(), Math.max(1, limits.neurons()))
                            : r.cores().size();
        }
        List<ConstraintViolation> violations = new ArrayList<>();
        perLayer.forEach(violations::addAll);
        long total = Arrays.stream(count).sum();
        long available = (long) p.getChips() * p.getCoresPerChip();
        if (total > available) {
            violations.add(
                    new ConstraintViolation(
                            ConstraintViolation.NETWORK,
                            ConstraintViolation.CORES,
                            total,
                            available,
                            "use a profile with more chips ("
                                    + ceilDiv(total, p.getCoresPerChip())
                                    + " needed), fewer weight bits (more neurons per core), or"
                                    + " smaller layers"));
        }
        List<CoreUse> all = new ArrayList<>();
        cores.forEach(all::addAll);
        List<List<NeuronRange>> ranges = new ArrayList<>();
        for (List<CoreUse> c : cores) ranges.add(ranges(c));
        return new Partition(ranges, all, violations, total);
    }

    /**
     * A recurrent layer's neurons send to its own cores, whose number the packing decides: start
     * from one, repack with the count found until it no longer grows (a few rounds: more own cores
     * only lower the capacity).
     */
    private static LayerPacker.Result packRecurrent(
            int i, LayerShape l, CoreLimits limits, Destinations next) {
        int own = 1;
        LayerPacker.Result r = LayerPacker.pack(i, l, limits, next.withOwnLayer(own, l.size()));
        for (int round = 0;
                round < 16 && r.violations().isEmpty() && r.cores().size() > own;
                round++) {
            own = r.cores().size();
            r = LayerPacker.pack(i, l, limits, next.withOwnLayer(own, l.size()));
        }
        return r;
    }

    private static List<NeuronRange> ranges(List<CoreUse> cores) {
        return cores.stream().map(CoreUse::range).toList();
    }

    /**
     * size neurons over k cores, contiguous, the first size mod k cores holding one extra neuron.
     */
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

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
