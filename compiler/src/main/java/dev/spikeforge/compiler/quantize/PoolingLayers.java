package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.WeightTying;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SparseWeights;
import dev.spikeforge.proto.artifact.validate.SourceMap;

/**
 * The chip form of a sum-pooling layer, exact by construction: each pooled neuron reads its
 * window's pre-pool neurons with weight 1 and has a bias of 1 (raw, in v's units), so with du = dv
 * = 4095 (u and v keep nothing of the last step: their residues u·1 &gt;&gt; 12 and v·1 &gt;&gt; 12
 * are 0 while below 4096) its v is 64 × the window's spike count + 1: above the least threshold
 * (vth_mant 1, i.e. 64) exactly when a window neuron spiked, and then its graded spike carries v
 * &gt;&gt; 6 = the count. The next layer adds its trained weight × the count, as the folded
 * synapses would, one step later; its weights and exponent are the folded ones.
 */
public final class PoolingLayers {
    /** Weight of every pooling synapse. */
    public static final int WEIGHT = 1;

    /** Bits that store {@link #WEIGHT} as a signed integer. */
    public static final int MIN_WEIGHT_BITS = 2;

    private PoolingLayers() {}

    /** Stored weight width of a pooling layer on {@code profile}. */
    public static int weightBits(ChipProfile profile) {
        int least = profile.getMinWeightBits() == 0 ? 2 : profile.getMinWeightBits();
        return Math.max(MIN_WEIGHT_BITS, least);
    }

    /**
     * The pooling layer over pre-pool map {@code map} read from layer {@code source}, and its
     * (lossless) report.
     */
    public static QuantizedLayer of(String name, int source, SourceMap map, ChipProfile profile) {
        int p = map.pool();
        if (((long) p * p * WEIGHT << 6) + 1 >= 4096) {
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
        int bits = weightBits(profile);
        CompiledLayer.Builder layer =
                CompiledLayer.newBuilder()
                        .setName(name)
                        .setSize(size)
                        .setSource(source)
                        .setFanIn(fanIn)
                        .setWeightBits(bits)
                        .setWeightExp(0)
                        .setScale(1.0)
                        .setSparseWeights(w)
                        .setBiasExp(0)
                        .setNeuron(
                                FixedLifParams.newBuilder()
                                        .setModel(NeuronModel.CUBA_LIF)
                                        .setDu(4095)
                                        .setDv(4095)
                                        .setVthMant(1)
                                        .setReset(ResetMode.RESET_TO_ZERO)
                                        .setGraded(true));
        for (int n = 0; n < size; n++) layer.addBiasMant(1);
        LayerQuantization report =
                LayerQuantization.newBuilder()
                        .setLayer(name)
                        .setWeightBits(bits)
                        .setScale(1.0)
                        .setWeightCount(fanIn)
                        .setScaleMode("POOLING")
                        .build();
        return new QuantizedLayer(layer.build(), report);
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
