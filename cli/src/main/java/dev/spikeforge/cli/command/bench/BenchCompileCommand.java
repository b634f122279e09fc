package dev.spikeforge.cli.command.bench;

import dev.spikeforge.cli.command.CommandBase;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.compiler.bench.CompileBenchmark;
import dev.spikeforge.compiler.profile.ChipProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "compile",
        description =
                "Time mapping a random layered network (shapes only, no weights) onto a chip"
                        + " profile: partition, route graph, placement and routing tables.")
public final class BenchCompileCommand extends CommandBase {
    @Option(
            names = "--neurons",
            required = true,
            paramLabel = "N",
            description = "Neurons in all layers together.")
    long neurons;

    @Option(
            names = "--synapses",
            required = true,
            paramLabel = "S",
            description = "Synapses in all layers together (S/N per neuron on average).")
    long synapses;

    @Option(
            names = "--layers",
            defaultValue = "10",
            paramLabel = "L",
            description = "Layers of N/L neurons (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(
            names = "--target",
            defaultValue = "loihi2",
            paramLabel = "PROFILE",
            description = "Chip profile (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(
            names = "--fixed-chips",
            description =
                    "Keep the profile's chip count (default: as many chips as the cores need).")
    boolean fixedChips;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the generator and the placement (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected int run(JsonLine result) {
        CompileBenchmark.Result r =
                CompileBenchmark.run(
                        ChipProfiles.load(target), neurons, synapses, layers, !fixedChips, seed);
        result.put("target", target)
                .put("neurons", r.neurons())
                .put("synapses", r.synapses())
                .put("layers", r.layers())
                .put("seconds", r.seconds())
                .put("cores", r.cores())
                .put("chips", r.chips())
                .put("routes", r.routes())
                .put("peak_heap_bytes", r.peakHeapBytes())
                .put("partition_seconds", r.partitionSeconds())
                .put("route_graph_seconds", r.routeGraphSeconds())
                .put("placement_seconds", r.placementSeconds())
                .put("tables_seconds", r.tablesSeconds())
                .put("naive_hop_traffic", r.naiveHopTraffic())
                .put("hop_traffic", r.placedHopTraffic())
                .put("traffic_ratio", r.trafficRatio());
        if (!r.violations().isEmpty()) {
            say("the network does not fit %s:", target);
            r.violations().forEach(v -> say("  - %s", v.describe()));
            result.put("violations", r.violations().stream().map(v -> v.describe()).toList());
            return dev.spikeforge.cli.command.ExitCodes.DOES_NOT_FIT;
        }
        say(
                "mapped %,d neurons / %,d synapses (%d layers) onto %s: %d cores on %d chips, %d"
                        + " routes",
                r.neurons(), r.synapses(), r.layers(), target, r.cores(), r.chips(), r.routes());
        say(
                "  %.3f s (partition %.3f, route graph %.3f, placement %.3f, tables %.3f), peak"
                        + " heap %.1f MB",
                r.seconds(),
                r.partitionSeconds(),
                r.routeGraphSeconds(),
                r.placementSeconds(),
                r.tablesSeconds(),
                r.peakHeapBytes() / 1e6);
        say(
                "  hop traffic %.4g (in-order %.4g, ratio %.3f)",
                r.placedHopTraffic(), r.naiveHopTraffic(), r.trafficRatio());
        return 0;
    }
}
