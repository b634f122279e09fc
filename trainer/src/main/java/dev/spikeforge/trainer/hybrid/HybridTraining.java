package dev.spikeforge.trainer.hybrid;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.extension.TrainingExtension;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.quant.WeightQuantization;
import dev.spikeforge.trainer.train.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One run's hybrid activations and weight quantization: the levels of each epoch, a fresh error
 * state per batch, quantized weights in place for every forward and backward pass, and for
 * evaluation and export (so the numbers reported and the artifact written are those of the
 * quantized network).
 */
public final class HybridTraining implements TrainingExtension {
    private final QuantizationSpec spec;
    private final HybridActivations activations;
    private final WeightQuantization weights;
    private final long seed;

    public HybridTraining(LifNetwork net, QuantizationSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        List<Layer> hidden = new ArrayList<>(net.layers().subList(0, net.hiddenLayers()));
        this.activations = spec.hybrid() == null ? null : new HybridActivations(hidden);
        this.weights =
                spec.weightBits() > 0 ? new WeightQuantization(net, spec.weightBits()) : null;
    }

    /**
     * The training options with the hidden layers' spikes replaced while the schedule has more than
     * one level.
     */
    @Override
    public EngineOptions configure(EngineOptions base) {
        return activations == null ? base : base.withQuantizer(activations);
    }

    @Override
    public void beforeEpoch(int epoch, int epochs) {
        if (activations != null) activations.setLevels(spec.hybrid().levels(epoch, epochs));
    }

    @Override
    public void beforeBatch(Batch batch) {
        if (activations != null) activations.beginBatch(Seeds.mix(seed, batch.key()));
        if (weights != null) weights.quantizeInPlace();
    }

    @Override
    public void afterBackward(Batch batch) {
        if (weights != null) weights.restoreLatent();
    }

    /**
     * Runs {@code work} with the deployed (quantized) weights in place, then puts the latent ones
     * back.
     */
    @Override
    public <T> T deployed(Supplier<T> work) {
        if (weights == null) return work.get();
        weights.quantizeInPlace();
        try {
            return work.get();
        } finally {
            weights.restoreLatent();
        }
    }

    /** Per-epoch metrics: the epoch's levels (1 = spiking) and weight bits. */
    @Override
    public void afterEpoch(EpochMetrics.Builder metrics) {
        if (activations != null) metrics.putExtra("hybrid_levels", activations.levels());
        if (weights != null) metrics.putExtra("weight_bits", weights.bits());
    }
}
