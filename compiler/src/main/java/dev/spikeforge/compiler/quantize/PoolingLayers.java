package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.Sources;
import dev.spikeforge.compiler.layers.WeightTying;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.SparseWeights;
import dev.spikeforge.proto.artifact.validate.SourceMap;

/**
 * The chip form of a sum-pooling layer, exact by construction: a {@link CountingLayer} whose
 * neurons each read their window's pre-pool neurons, so each graded spike carries the window's
 * spike count. The next layer adds its trained weight × the count, as the folded synapses would,
 * one step later; its weights and exponent are the folded ones.
 */
public final class PoolingLayers {
    /** Weight of every pooling synapse. */
    public static final int WEIGHT = CountingLayer.WEIGHT;

    private PoolingLayers() {}

    /** Stored weight width of a pooling (or sum) layer on {@code profile}. */
    public static int weightBits(ChipProfile profile) {
        return CountingLayer.weightBits(profile);
    }

    /**
     * The pooling layer over pre-pool map {@code map} read from layer {@code source}, and its
     * (lossless) report.
     */
    public static QuantizedLayer of(String name, int source, SourceMap map, ChipProfile profile) {
        int p = map.pool();
        if (!CountingLayer.exact((long) p * p)) {
            throw new IllegalArgumentException(
                    "pooling window "
                            + p
                            + "x"
                            + p
                            + " of '"
                            + name
                            + "' is too large for an exact pooling layer");
        }
        int size = map.pooledSize(), fanIn = map.neurons();
        int[] target = new int[fanIn];
        int[] pre = new int[p * p];
        for (int c = 0; c < map.channels(); c++) {
            for (int y = 0; y < map.height(); y++) {
                for (int x = 0; x < map.width(); x++) {
                    int n = (c * map.height() + y) * map.width() + x;
                    int m = map.preimage(c, y, x, pre);
                    for (int j = 0; j < m; j++) target[pre[j]] = n;
                }
            }
        }
        // Each pre-pool neuron feeds exactly one pooled neuron: one synapse per source.
        SparseWeights.Builder w = SparseWeights.newBuilder();
        for (int i = 0; i <= fanIn; i++) w.addSourceStart(i);
        for (int i = 0; i < fanIn; i++) w.addTarget(target[i]).addWeight(WEIGHT);
        return CountingLayer.of(name, size, fanIn, w, profile, "POOLING")
                .reading(Sources.of(source));
    }

    /**
     * {@code folded}, a layer quantized as it reads pooled maps folded (every pre-pool neuron of a
     * window with its pooled value's weight), turned into the layer that reads their pooling layers
     * instead: the same integer per trained weight, laid out over the pooled values as {@code
     * unfolded} lays out its weights, reading {@code unfolded}'s sources; the exponent stays (the
     * payloads are the counts).
     */
    public static QuantizedLayer unfold(
            QuantizedLayer folded, WeightTying foldedTying, FloatLayer unfolded) {
        CompiledLayer f = folded.layer();
        int[] param = new int[foldedTying.params().length];
        int[] index = foldedTying.paramIndex();
        int fanIn = f.getFanIn();
        if (f.hasSparseWeights()) {
            SparseWeights sw = f.getSparseWeights();
            for (int i = 0; i < fanIn; i++) {
                for (int e = sw.getSourceStart(i); e < sw.getSourceStart(i + 1); e++) {
                    int k = index[sw.getTarget(e) * fanIn + i];
                    if (k >= 0) param[k] = sw.getWeight(e);
                }
            }
        } else {
            for (int j = 0; j < f.getWeightsCount(); j++)
                if (index[j] >= 0) param[index[j]] = f.getWeights(j);
        }
        int[] w = unfolded.tying() != null ? unfolded.tying().expand(param) : param;
        CompiledLayer.Builder b =
                f.toBuilder().setFanIn(unfolded.fanIn()).clearWeights().clearSparseWeights();
        if (f.hasSparseWeights())
            b.setSparseWeights(SparseForm.of(w, f.getSize(), unfolded.fanIn()));
        else for (int v : w) b.addWeights(v);
        return new QuantizedLayer(b.build(), folded.report()).reading(unfolded.sources());
    }
}
