package dev.spikeforge.compiler.report;

import dev.spikeforge.compiler.mapping.Placement;
import dev.spikeforge.compiler.mapping.RouteGraph;
import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.MappingReport;
import dev.spikeforge.proto.QuantizationReport;
import java.util.List;

/**
 * Summarizes quantization, resource use and traffic; utilizations are fractions of the cores
 * actually used.
 */
public final class ReportBuilder {
    private ReportBuilder() {}

    public static QuantizationReport build(
            List<LayerQuantization> layers, List<Core> cores, ChipProfile p) {
        long neurons = 0, synapseBits = 0;
        int maxChip = -1;
        for (Core c : cores) {
            neurons += c.getNeuronEnd() - c.getNeuronBegin();
            synapseBits += c.getSynapseBits();
            maxChip = Math.max(maxChip, c.getChip());
        }
        int used = cores.size();
        return QuantizationReport.newBuilder()
                .addAllLayers(layers)
                .setCoresUsed(used)
                // Chips are numbered from 0 and placement uses the fewest that hold the cores.
                .setChipsUsed(maxChip + 1)
                .setNeuronUtilization(
                        used == 0 ? 0 : neurons / ((double) used * p.getNeuronsPerCore()))
                .setSynapseUtilization(
                        used == 0
                                ? 0
                                : synapseBits / ((double) used * p.getSynapseMemoryBitsPerCore()))
                .build();
    }

    /** Expected spikes per core and per route, and naive versus placed hop traffic. */
    public static MappingReport mapping(
            RouteGraph g, Placement placement, SpikeRates rates, double[] coreSpikes) {
        MappingReport.Builder b =
                MappingReport.newBuilder()
                        .setNaiveHopTraffic(placement.naiveHopTraffic())
                        .setPlacedHopTraffic(placement.hopTraffic())
                        .setTrafficRatio(placement.ratio())
                        .setRatesSource(rates.source())
                        .setHostSpikesPerStep(rates.hostRate())
                        .setPlacementIterations(
                                (int) Math.min(Integer.MAX_VALUE, placement.iterations()));
        for (int r = 0; r < g.size(); r++) b.addRouteSpikesPerStep(g.spikes(r));
        for (double v : coreSpikes) b.addCoreSpikesPerStep(v);
        return b.build();
    }
}
