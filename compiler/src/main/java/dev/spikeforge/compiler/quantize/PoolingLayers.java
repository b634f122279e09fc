package dev.spikeforge.compiler.quantize;

import dev.spikeforge.artifact.validate.FormatLimits;
import dev.spikeforge.artifact.validate.SourceMap;
import dev.spikeforge.compiler.network.DenseLayer;
import dev.spikeforge.compiler.network.WeightTying;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SparseWeights;

/**
 * The chip form of a sum-pooling layer, exact by construction: each pooled neuron reads its window's pre-pool
 * neurons with weight {@link #WEIGHT} and fires a graded spike as soon as any of them spiked (threshold 1, i.e. v
 * &gt; 64, with v = 128 per input spike), its payload v &gt;&gt; 6 = 2 × the window's spike count; v then resets to 0
 * and, with du = 4095 and dv = 0, nothing carries over (u &lt; 4096 leaves no residue). The next layer halves the
 * payload through its weight exponent (one less), so it adds its trained weight × the count, as the folded synapses
 * would, one step later.
 */
public final class PoolingLayers {
    /** Weight of every pooling synapse: 1 would give v = 64, not above the least threshold (vth_mant 1). */
    public static final int WEIGHT = 2;
    /** Bits that store {@link #WEIGHT} as a signed integer. */
    public static final int MIN_WEIGHT_BITS = 3;

    private PoolingLayers() {}

    /** Stored weight width of a pooling layer on {@code profile}. */
    public static int weightBits(ChipProfile profile) {
        int least = profile.getMinWeightBits() == 0 ? 2 : profile.getMinWeightBits();
        return Math.max(MIN_WEIGHT_BITS, least);
    }

    /** The pooling layer over pre-pool map {@code map} read from layer {@code source}, and its (lossless) report. */
    public static QuantizedLayer of(String name, int source, SourceMap map, ChipProfile profile) {
        int p = map.pool();
        if ((long) p * p * WEIGHT << 6 >= 4096) {
            throw new IllegalArgumentException("pooling window " + p + "x" + p + " of '" + name + "' is too large for an exact pooling layer");
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
        int bits = weightBits(profile);
        CompiledLayer layer = CompiledLayer.newBuilder().setName(name).setSize(size).setSource(source).setFanIn(fanIn)
                .setWeightBits(bits).setWeightExp(0).setScale(1.0).setSparseWeights(w)
                .setNeuron(FixedLifParams.newBuilder().setModel(NeuronModel.CUBA_LIF).setDu(4095).setDv(0).setVthMant(1)
                        .setReset(ResetMode.RESET_TO_ZERO).setGraded(true))
                .build();
        LayerQuantization report = LayerQuantization.newBuilder().setLayer(name).setWeightBits(bits).setScale(1.0)
                .setWeightCount(fanIn).setScaleMode("POOLING").build();
        return new QuantizedLayer(layer, report);
    }

    /**
     * {@code folded}, a layer quantized as it reads a pooled map folded (every pre-pool neuron of a window with its
     * pooled value's weight), turned into the layer that reads the pooling layer at chip index {@code source}
     * instead: the same integer per trained weight, laid out over the pooled values as {@code unfolded} lays out
     * its weights, and the weight exponent one less to halve the payloads (2 × the count).
     */
    public static QuantizedLayer unfold(QuantizedLayer folded, WeightTying foldedTying, DenseLayer unfolded, int source, ChipProfile profile) {
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
            for (int j = 0; j < f.getWeightsCount(); j++) if (index[j] >= 0) param[index[j]] = f.getWeights(j);
        }
        int[] w = unfolded.tying() != null ? unfolded.tying().expand(param) : param;
        int exp = f.getWeightExp() - 1;
        int min = profile.hasWeightExponent() ? profile.getWeightExponent().getMin() : FormatLimits.MIN_WEIGHT_EXP;
        if (exp < min) {
            throw new IllegalArgumentException("layer '" + f.getName() + "' would read a pooling layer's doubled payloads with weight_exp "
                    + exp + ", below the profile's least " + min + ": compile with --pooling fold");
        }
        CompiledLayer.Builder b = f.toBuilder().setSource(source).setFanIn(unfolded.fanIn()).setWeightExp(exp).clearWeights().clearSparseWeights();
        if (f.hasSparseWeights()) b.setSparseWeights(SparseForm.of(w, f.getSize(), unfolded.fanIn()));
        else for (int v : w) b.addWeights(v);
        return new QuantizedLayer(b.build(), folded.report());
    }
}
