package dev.spikeforge.trainer.hybrid;

import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.quant.QuantizationSpec;
import dev.spikeforge.trainer.quant.WeightQuantization;
import dev.spikeforge.trainer.train.BatchHook;
import dev.spikeforge.trainer.train.Seeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One run's hybrid activations and weight quantization: the levels of each epoch, a fresh error state per batch,
 * quantized weights in place for every forward and backward pass, and for evaluation and export (so the numbers
 * reported and the artifact written are those of the quantized network).
 */
public final class HybridTraining implements BatchHook {
    private final QuantizationSpec spec;
    private final HybridActivations activations;
    private final WeightQuantization weights;
    private final long seed;

    public HybridTraining(LifNetwork net, QuantizationSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        List<Layer> hidden = new ArrayList<>(net.layers().subList(0, net.hiddenLayers()));
        this.activations = spec.hybrid() == null ? null : new HybridActivations(hidden);
        this.weights = spec.weightBits() > 0 ? new WeightQuantization(net, spec.weightBits()) : null;
    }

    /** The training options with the hidden layers' spikes replaced while the schedule has more than one level. */
    public EngineOptions engineOptions(EngineOptions base) {
        return activations == null ? base : base.withQuantizer(activations);
    }

    public void beforeEpoch(int epoch, int epochs) {
        if (activations != null) activations.setLevels(spec.hybrid().levels(epoch, epochs));
    }

    @Override
    public void beforeBatch(int epoch, int batch, int batches) {
        if (activations != null) activations.beginBatch(Seeds.mix(seed, (long) epoch << 32 | batch));
        if (weights != null) weights.quantizeInPlace();
    }

    @Override
    public void afterBackward() {
        if (weights != null) weights.restoreLatent();
    }

    /** Runs {@code work} with the deployed (quantized) weights in place, then puts the latent ones back. */
    public <T> T withDeployedWeights(Supplier<T> work) {
        if (weights == null) return work.get();
        weights.quantizeInPlace();
        try {
            return work.get();
        } finally {
            weights.restoreLatent();
        }
    }

    /** Per-epoch metrics: the epoch's levels (1 = spiking) and weight bits. */
    public Map<String, Double> epochExtras() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (activations != null) m.put("hybrid_levels", (double) activations.levels());
        if (weights != null) m.put("weight_bits", (double) weights.bits());
        return m;
    }
}
