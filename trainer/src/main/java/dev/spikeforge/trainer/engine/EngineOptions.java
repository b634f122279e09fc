package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.surrogate.LayerSurrogates;
import dev.spikeforge.trainer.surrogate.Surrogate;

/**
 * How the engine treats the spike nonlinearity.
 *
 * @param surrogate the pseudo-derivative used in place of H'(v − θ)
 * @param smoothForward test only: the forward pass emits {@code surrogate.value(v − θ)} instead of
 *     H(v − θ), making the whole network differentiable so finite differences can check the
 *     backward pass
 * @param detachReset treat the reset as a constant mask in backward (dv_after/dv_before = 1 − z),
 *     as training does; false adds the term through z, which only the smooth check needs
 * @param observedStepsOnly run layer l only on steps 0 … T−1−(L−l), L the output layer's index:
 *     with one step of delay per connection, its later steps cannot reach the output within the
 *     window, so they change neither the scores nor any gradient of the output loss. Saves up to L
 *     steps per layer (a third of the work of a conv stack at T = 8). Only for training without
 *     loss terms on hidden spikes; evaluation always runs every step (the chip does, and activity
 *     counts them).
 * @param perLayer the surrogate of each layer when training changes them per layer (AdaLi, chi
 *     adaptation); null: {@code surrogate} everywhere
 * @param quantizer replaces hidden layers' binary spikes in the forward pass (hybrid training);
 *     null: spikes
 * @param dropout masks on the hidden layers' outputs (training only; the workspace must have been
 *     made with dropout buffers); null: none
 */
public record EngineOptions(
        Surrogate surrogate,
        boolean smoothForward,
        boolean detachReset,
        boolean observedStepsOnly,
        LayerSurrogates perLayer,
        SpikeQuantizer quantizer,
        DropoutMasks dropout) {

    /** The training setting: binary spikes, surrogate gradient, detached reset, every step. */
    public static EngineOptions training(Surrogate surrogate) {
        return new EngineOptions(surrogate, false, true, false, null, null, null);
    }

    /** Test-only: smooth spikes and the exact gradient of that smooth network. */
    public static EngineOptions smoothExact(Surrogate surrogate) {
        return new EngineOptions(surrogate, true, false, false, null, null, null);
    }

    public EngineOptions withObservedStepsOnly(boolean v) {
        return new EngineOptions(
                surrogate, smoothForward, detachReset, v, perLayer, quantizer, dropout);
    }

    public EngineOptions withLayerSurrogates(LayerSurrogates v) {
        return new EngineOptions(
                surrogate, smoothForward, detachReset, observedStepsOnly, v, quantizer, dropout);
    }

    public EngineOptions withQuantizer(SpikeQuantizer v) {
        return new EngineOptions(
                surrogate, smoothForward, detachReset, observedStepsOnly, perLayer, v, dropout);
    }

    public EngineOptions withDropout(DropoutMasks v) {
        return new EngineOptions(
                surrogate, smoothForward, detachReset, observedStepsOnly, perLayer, quantizer, v);
    }

    /** The surrogate this layer uses now. */
    public Surrogate surrogate(Layer layer) {
        return perLayer == null ? surrogate : perLayer.forLayer(layer);
    }
}
