package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.surrogate.Surrogate;

/**
 * How the engine treats the spike nonlinearity.
 *
 * @param surrogate     the pseudo-derivative used in place of H'(v − θ)
 * @param smoothForward test only: the forward pass emits {@code surrogate.value(v − θ)} instead of H(v − θ), making
 *                      the whole network differentiable so finite differences can check the backward pass
 * @param detachReset   treat the reset as a constant mask in backward (dv_after/dv_before = 1 − z), as training does;
 *                      false adds the term through z, which only the smooth check needs
 */
public record EngineOptions(Surrogate surrogate, boolean smoothForward, boolean detachReset) {

    /** The training setting: binary spikes, surrogate gradient, detached reset. */
    public static EngineOptions training(Surrogate surrogate) {
        return new EngineOptions(surrogate, false, true);
    }

    /** Test-only: smooth spikes and the exact gradient of that smooth network. */
    public static EngineOptions smoothExact(Surrogate surrogate) {
        return new EngineOptions(surrogate, true, false);
    }
}
