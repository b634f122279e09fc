package dev.spikeforge.trainer;

import dev.spikeforge.trainer.adapt.SurrogateController;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.DropoutMasks;
import dev.spikeforge.trainer.extension.TrainingExtension;
import dev.spikeforge.trainer.hybrid.HybridTraining;
import dev.spikeforge.trainer.loss.SparsityWarmup;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.stability.StableSetup;
import dev.spikeforge.trainer.train.DropoutRefill;
import dev.spikeforge.trainer.train.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * The training methods a configuration turns on, as extensions in registration order: surrogate
 * control (always), stable init, hybrid training / weight quantization, gradual sparsity, dropout.
 * The order fixes where each one's metrics go and that the surrogate monitor reads a batch after
 * the quantized weights are swapped back out.
 */
final class TrainingMethods {
    private TrainingMethods() {}

    /**
     * @param stable the stable-init plan the network was made with, or null
     */
    static List<TrainingExtension> of(
            TrainingConfig c, LifNetwork net, BatchWorkspace ws, StableSetup stable) {
        List<TrainingExtension> methods = new ArrayList<>();
        SurrogateController surrogates =
                new SurrogateController(c.surrogate(), c.surrogateAdaptation(), net);
        // Stable init chose each layer's surrogate; adaptation (chi) starts from it.
        if (stable != null)
            for (int l = 0; l < stable.surrogates().size(); l++)
                surrogates.setLayerBase(l, stable.surrogates().get(l));
        methods.add(surrogates);
        if (stable != null) methods.add(stable);
        if (c.quantization().active())
            methods.add(
                    new HybridTraining(net, c.quantization(), Seeds.mix(c.seed(), Seeds.HYBRID)));
        SparsityWarmup sparsity = SparsityWarmup.of(c.loss().extra());
        if (sparsity != null) methods.add(sparsity);
        if (c.dropout() > 0 && net.hiddenLayers() > 0) {
            methods.add(
                    new DropoutRefill(
                            new DropoutMasks(ws, c.dropout()), Seeds.mix(c.seed(), Seeds.DROPOUT)));
        }
        return methods;
    }
}
