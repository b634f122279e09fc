package dev.spikeforge.compiler.report;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.QuantizationReport;

import java.util.List;

/** Summarizes quantization and resource use; utilizations are fractions of the cores actually used. */
public final class ReportBuilder {
    private ReportBuilder() {}

    public static QuantizationReport build(List<LayerQuantization> layers, List<Core> cores, ChipProfile p) {
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
                // Cores fill chips in order, so the chips used are 0 .. the highest chip index.
                .setChipsUsed(maxChip + 1)
                .setNeuronUtilization(used == 0 ? 0 : neurons / ((double) used * p.getNeuronsPerCore()))
                .setSynapseUtilization(used == 0 ? 0 : synapseBits / ((double) used * p.getSynapseMemoryBitsPerCore()))
                .build();
    }
}
