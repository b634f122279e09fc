package dev.spikeforge.compiler.quantize;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.SparseWeights;

/**
 * A layer of graded neurons that count what reaches them in one step, exactly: every synapse has
 * weight 1 and every neuron a raw bias of 1, with du = dv = 4095 (u and v keep nothing of the last
 * step: their residues u·1 &gt;&gt; 12 and v·1 &gt;&gt; 12 are 0 while below 4096), so v is 64 ×
 * the payloads received + 1: above the least threshold (vth_mant 1, i.e. 64) exactly when something
 * arrived, and then the graded spike carries v &gt;&gt; 6 = that count. The form of the pooling
 * layers (a window's spikes) and the sum layers (a column's total over its sources).
 */
final class CountingLayer {
    /** Weight of every synapse. */
    static final int WEIGHT = 1;

    /** Bits that store {@link #WEIGHT} as a signed integer. */
    static final int MIN_WEIGHT_BITS = 2;

    private CountingLayer() {}

    /** Stored weight width on {@code profile}. */
    static int weightBits(ChipProfile profile) {
        int least = profile.getMinWeightBits() == 0 ? 2 : profile.getMinWeightBits();
        return Math.max(MIN_WEIGHT_BITS, least);
    }

    /** Whether a count up to {@code most} stays exact: 64 × most + 1 below 4096. */
    static boolean exact(long most) {
        return (most * WEIGHT << 6) + 1 < 4096;
    }

    /**
     * The layer of {@code size} counters reading {@code fanIn} sources through {@code synapses}
     * (every weight {@link #WEIGHT}), reported as {@code kind} (the report's scale mode), lossless.
     */
    static QuantizedLayer of(
            String name,
            int size,
            int fanIn,
            SparseWeights.Builder synapses,
            ChipProfile profile,
            String kind) {
        int bits = weightBits(profile);
        CompiledLayer.Builder layer =
                CompiledLayer.newBuilder()
                        .setName(name)
                        .setSize(size)
                        .setFanIn(fanIn)
                        .setWeightBits(bits)
                        .setWeightExp(0)
                        .setScale(1.0)
                        .setSparseWeights(synapses)
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
                        .setScaleMode(kind)
                        .build();
        return new QuantizedLayer(layer.build(), report);
    }
}
