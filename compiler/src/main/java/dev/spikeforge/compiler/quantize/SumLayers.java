package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.layers.Sources;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.SparseWeights;

/**
 * The chip form of a residual sum, exact by construction like {@link PoolingLayers}: neuron i reads
 * neuron i of every source with weight 1 and has a bias of 1, with du = dv = 4095 (nothing kept
 * from the last step while below 4096), so its v is 64 × the payloads of column i summed over the
 * sources + 1: above the least threshold (64) exactly when a source sent something there, and then
 * its graded spike carries v &gt;&gt; 6 = that sum. The reader adds its trained weight × the sum,
 * as it would have added weight × each source, one step later.
 */
public final class SumLayers {
    private SumLayers() {}

    /**
     * The sum layer of {@code size} columns over {@code sources} (chip indices), whose payloads
     * reach at most {@code payloadSum} per column in one step.
     */
    public static QuantizedLayer of(
            String name, Sources sources, int size, int payloadSum, ChipProfile profile) {
        if (!CountingLayer.exact(payloadSum)) {
            throw new IllegalArgumentException(
                    "the sources of '"
                            + name
                            + "' send up to "
                            + payloadSum
                            + " per column in one step, too much for an exact sum layer (at most"
                            + " 63)");
        }
        SparseWeights.Builder w = SparseWeights.newBuilder();
        for (int i = 0; i <= size; i++) w.addSourceStart(i);
        for (int i = 0; i < size; i++) w.addTarget(i).addWeight(CountingLayer.WEIGHT);
        return CountingLayer.of(name, size, size, w, profile, "SUM").reading(sources);
    }
}
