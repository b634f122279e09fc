package dev.spikeforge.compiler.bench;

import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.mapping.CorePlacer;
import dev.spikeforge.compiler.mapping.LayerShape;
import dev.spikeforge.compiler.mapping.Mesh;
import dev.spikeforge.compiler.mapping.Partition;
import dev.spikeforge.compiler.mapping.Partitioner;
import dev.spikeforge.compiler.mapping.Placement;
import dev.spikeforge.compiler.mapping.PlacementOptimizer;
import dev.spikeforge.compiler.mapping.RouteGraph;
import dev.spikeforge.compiler.mapping.Router;
import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.compiler.validate.RateEstimate;
import dev.spikeforge.proto.ChipProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Times the mapping of a random layered network ({@link SyntheticNetwork}) onto a profile:
 * partition into cores, route graph, in-order and optimized placement, and the routing tables and
 * core records (protobuf Core and Route messages). Not timed: quantization and protobuf
 * serialization of weights (the network has none). With {@code autoChips} the board gets as many
 * chips as the cores need (arranged near-square).
 */
public final class CompileBenchmark {
    private CompileBenchmark() {}

    /**
     * @param seconds wall time of everything timed
     * @param peakHeapBytes sum of the heap pools' peak use during the run (pools' peaks reset at
     *     its start)
     */
    public record Result(
            long neurons,
            long synapses,
            int layers,
            int cores,
            int chips,
            int routes,
            double seconds,
            double partitionSeconds,
            double routeGraphSeconds,
            double placementSeconds,
            double tablesSeconds,
            long peakHeapBytes,
            double naiveHopTraffic,
            double placedHopTraffic,
            List<ConstraintViolation> violations) {
        public double trafficRatio() {
            return naiveHopTraffic == 0 ? 1 : placedHopTraffic / naiveHopTraffic;
        }
    }

    public static Result run(
            ChipProfile profile,
            long neurons,
            long synapses,
            int layers,
            boolean autoChips,
            long seed) {
        List<MemoryPoolMXBean> heap =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(m -> m.getType() == MemoryType.HEAP)
                        .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        List<LayerShape> shapes =
                SyntheticNetwork.build(neurons, synapses, layers, profile.getWeightBits(), seed);
        Partition partition = Partitioner.partition(shapes, profile);
        long t1 = System.nanoTime();
        int cores = partition.cores().size();
        if (autoChips && onlyCores(partition.violations())) {
            profile =
                    withChips(
                            profile,
                            (int)
                                    ((partition.coresNeeded() + profile.getCoresPerChip() - 1)
                                            / profile.getCoresPerChip()));
            partition =
                    new Partition(
                            partition.layers(),
                            partition.cores(),
                            List.of(),
                            partition.coresNeeded());
        }
        if (!partition.fits()) {
            return new Result(
                    neurons,
                    0,
                    layers,
                    (int) partition.coresNeeded(),
                    0,
                    0,
                    (t1 - start) / 1e9,
                    (t1 - start) / 1e9,
                    0,
                    0,
                    0,
                    peak(heap),
                    0,
                    0,
                    partition.violations());
        }
        SpikeRates rates =
                SpikeRates.uniform(
                        layers,
                        RateEstimate.ASSUMED_RATE,
                        RateEstimate.ASSUMED_INPUT_RATE * shapes.get(0).fanIn(),
                        "assumed " + RateEstimate.ASSUMED_RATE);
        RouteGraph graph = RouteGraph.of(shapes, partition, rates);
        long t2 = System.nanoTime();
        Mesh mesh = Mesh.of(profile, Mesh.DEFAULT_CHIP_CROSSING_HOPS);
        int slots =
                (cores + profile.getCoresPerChip() - 1)
                        / profile.getCoresPerChip()
                        * profile.getCoresPerChip();
        Placement placement = PlacementOptimizer.place(graph, mesh, slots, seed);
        long t3 = System.nanoTime();
        int routeCount = Router.routes(graph, placement.slotOfCore(), mesh).size();
        int chips =
                CorePlacer.cores(partition, placement.slotOfCore(), mesh).stream()
                                .mapToInt(c -> c.getChip())
                                .max()
                                .orElse(-1)
                        + 1;
        long t4 = System.nanoTime();
        long peak = peak(heap);
        // Counting synapses walks every neuron once more; it is a check of the generator, not part
        // of the timing.
        return new Result(
                neurons,
                SyntheticNetwork.synapses(shapes),
                layers,
                cores,
                chips,
                routeCount,
                (t4 - start) / 1e9,
                (t1 - start) / 1e9,
                (t2 - t1) / 1e9,
                (t3 - t2) / 1e9,
                (t4 - t3) / 1e9,
                peak,
                placement.naiveHopTraffic(),
                placement.hopTraffic(),
                List.of());
    }

    private static boolean onlyCores(List<ConstraintViolation> v) {
        return !v.isEmpty()
                && v.stream().allMatch(x -> x.constraint().equals(ConstraintViolation.CORES));
    }

    /** The profile with enough chips, on a near-square board. */
    static ChipProfile withChips(ChipProfile p, int chips) {
        int x = (int) Math.ceil(Math.sqrt(chips)), y = (chips + x - 1) / x;
        return p.toBuilder().setChips(x * y).setChipsX(x).setChipsY(y).build();
    }

    private static long peak(List<MemoryPoolMXBean> heap) {
        return heap.stream()
                .mapToLong(m -> m.getPeakUsage() == null ? 0 : m.getPeakUsage().getUsed())
                .sum();
    }
}
