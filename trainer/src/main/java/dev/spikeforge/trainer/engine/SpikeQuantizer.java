package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.surrogate.Surrogate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Replaces a layer's binary spike by another output in the forward pass (hybrid training's
 * quantized activations). The backward pass is unchanged: it still uses the layer's surrogate
 * derivative at x = ṽ − θ and the reset mask from the output.
 */
public interface SpikeQuantizer {
    /**
     * @param x ṽ − θ of one step, [B, n]
     * @param out where the layer's output of the step goes
     * @param surrogate the layer's surrogate now
     * @return false to leave this layer's spike to the engine (binary)
     */
    boolean fire(Layer layer, INDArray x, INDArray out, Surrogate surrogate);
}
