package dev.spikeforge.netx.mapping;

import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.mapping.Connectivity;
import dev.spikeforge.compiler.mapping.CorePlacer;
import dev.spikeforge.compiler.mapping.CoreUse;
import dev.spikeforge.compiler.mapping.LayerShape;
import dev.spikeforge.compiler.mapping.Mesh;
import dev.spikeforge.compiler.mapping.NeuronRange;
import dev.spikeforge.compiler.mapping.Partition;
import dev.spikeforge.compiler.mapping.Partitioner;
import dev.spikeforge.compiler.mapping.Placement;
import dev.spikeforge.compiler.mapping.PlacementOptimizer;
import dev.spikeforge.compiler.mapping.RouteGraph;
import dev.spikeforge.compiler.mapping.Router;
import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.compiler.report.ReportBuilder;
import dev.spikeforge.compiler.validate.RateEstimate;
import dev.spikeforge.netx.NetxException;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts an imported network (layers already in integer form) on the cores of a profile with the
 * compiler's own partitioner, placer and router, so its energy report counts the same way as a
 * compiled one. The mapper charges a core for every source a neuron could read; an imported conv
 * layer's neurons read scattered sources, so a large one can break the input-axon limit as counted:
 * then the cores are cut by neuron count alone and the violations are reported as notes (the
 * simulator runs the network either way; only the energy figures depend on the cores).
 */
public final class ChipMapper {
    private ChipMapper() {}

    /** Spike rates assumed when placing: the compiler's figures when it has no measurement. */
    static SpikeRates assumedRates(int layers, int inputSize) {
        return SpikeRates.uniform(
                layers,
                RateEstimate.ASSUMED_RATE,
                RateEstimate.ASSUMED_INPUT_RATE * inputSize,
                "assumed (imported from netx)");
    }

    /** The network with {@code cores}, {@code routes} and the report's utilization filled in. */
    public static CompiledNetwork map(CompiledNetwork net, long seed, List<String> notes) {
        ChipProfile profile = net.getProfile();
        List<LayerShape> shapes = new ArrayList<>();
        for (CompiledLayer l : net.getLayersList()) {
            boolean recurrent = l.getRecurrentWeightsCount() > 0 || l.hasSparseRecurrentWeights();
            shapes.add(
                    new LayerShape(
                            l.getName(),
                            l.getSize(),
                            l.getWeightBits(),
                            Connectivity.dense(l.getFanIn(), LayerWeights.synapsesPerNeuron(l)),
                            0,
                            recurrent));
        }
        Partition partition = Partitioner.partition(shapes, profile);
        if (!partition.violations().isEmpty()) {
            List<String> limits =
                    partition.violations().stream().map(ConstraintViolation::describe).toList();
            partition = byNeuronCount(shapes, profile);
            notes.add(
                    "the network does not fit "
                            + profile.getName()
                            + " as the compiler counts it ("
                            + String.join("; ", limits)
                            + "); cores are cut by neuron count only, so energy figures are"
                            + " indicative");
        }
        SpikeRates rates = assumedRates(shapes.size(), net.getInputSize());
        RouteGraph graph = RouteGraph.of(shapes, partition, rates);
        Mesh mesh = Mesh.of(profile, Mesh.DEFAULT_CHIP_CROSSING_HOPS);
        int cores = partition.cores().size();
        int slots =
                (int)
                        Math.min(
                                (long) profile.getChips() * profile.getCoresPerChip(),
                                ((long) cores + profile.getCoresPerChip() - 1)
                                        / profile.getCoresPerChip()
                                        * profile.getCoresPerChip());
        Placement placement = PlacementOptimizer.place(graph, mesh, slots, seed);
        var placed = CorePlacer.cores(partition, placement.slotOfCore(), mesh);
        return net.toBuilder()
                .clearCores()
                .addAllCores(placed)
                .clearRoutes()
                .addAllRoutes(Router.routes(graph, placement.slotOfCore(), mesh))
                .setReport(
                        ReportBuilder.build(List.of(), placed, profile).toBuilder()
                                .setMapping(
                                        ReportBuilder.mapping(
                                                graph,
                                                placement,
                                                rates,
                                                coreSpikes(partition, rates))))
                .build();
    }

    private static double[] coreSpikes(Partition p, SpikeRates rates) {
        double[] s = new double[p.cores().size()];
        for (int c = 0; c < s.length; c++) {
            CoreUse u = p.cores().get(c);
            s[c] = rates.range(u.layer(), u.range().begin(), u.range().end());
        }
        return s;
    }

    /**
     * Each layer split evenly into cores of at most neurons_per_core neurons, nothing else counted.
     */
    private static Partition byNeuronCount(List<LayerShape> shapes, ChipProfile p) {
        List<List<NeuronRange>> layers = new ArrayList<>();
        List<CoreUse> cores = new ArrayList<>();
        for (int l = 0; l < shapes.size(); l++) {
            int size = shapes.get(l).size(),
                    k = Math.max(1, (size + p.getNeuronsPerCore() - 1) / p.getNeuronsPerCore());
            List<NeuronRange> ranges = Partitioner.split(size, k);
            layers.add(ranges);
            for (NeuronRange r : ranges)
                cores.add(new CoreUse(l, r, shapes.get(l).fanIn(), 0, 0, 0));
        }
        long available = (long) p.getChips() * p.getCoresPerChip();
        if (cores.size() > available) {
            throw new NetxException(
                    "the network needs "
                            + cores.size()
                            + " cores of "
                            + p.getNeuronsPerCore()
                            + " neurons; "
                            + p.getName()
                            + " has "
                            + available
                            + " (import with --target naming a larger profile)");
        }
        return new Partition(layers, cores, List.of(), cores.size());
    }
}
