package dev.spikeforge.netx.mapping;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.SparseWeights;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.JsonForm;
import java.nio.file.Path;

/**
 * What netx has no field for, kept in the file so that compiled → netx → compiled gives back the
 * same network: the compiled network's JSON form without the numbers the layers carry (weights,
 * recurrent weights, biases), an empty {@code sparse_weights} marking a layer that stored its
 * synapses sparsely. It holds the names, the input encoding, the profile, cores and routes, and how
 * each layer split its weights into mantissas and an exponent. The importer takes what runs from
 * the netx fields alone; the record only chooses among representations that run the same (see
 * {@code NetxImporter}), so an edited file cannot be run differently because of a stale record.
 */
public final class SpikeforgeRecord {
    private SpikeforgeRecord() {}

    public static String of(CompiledNetwork net) {
        CompiledNetwork.Builder b = net.toBuilder();
        for (CompiledLayer.Builder l : b.getLayersBuilderList()) {
            boolean sparse = l.hasSparseWeights(), sparseRec = l.hasSparseRecurrentWeights();
            l.clearWeights()
                    .clearSparseWeights()
                    .clearRecurrentWeights()
                    .clearSparseRecurrentWeights()
                    .clearBiasMant();
            if (sparse) l.setSparseWeights(SparseWeights.getDefaultInstance());
            if (sparseRec) l.setSparseRecurrentWeights(SparseWeights.getDefaultInstance());
        }
        return JsonForm.toJson(b.build());
    }

    /**
     * The recorded network, or null when the text is not a compiled network's JSON (a note says
     * so).
     */
    public static CompiledNetwork parse(String json, java.util.List<String> notes) {
        try {
            // Not validated: the record leaves the weights out on purpose; the importer validates
            // the network it builds.
            return JsonForm.parseUnvalidated(
                    Path.of("spikeforge/compiled_network"), json, ArtifactKind.COMPILED_NETWORK);
        } catch (RuntimeException e) {
            notes.add(
                    "the file's spikeforge/compiled_network record is not readable ("
                            + e.getMessage()
                            + "); ignored");
            return null;
        }
    }
}
