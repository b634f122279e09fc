/**
 * Surrogate gradients: smooth stand-ins for the spike function's derivative, each describable as a
 * SurrogateSpec for provenance. The shaped family ({@link
 * dev.spikeforge.trainer.surrogate.ShapedSurrogate}: fast sigmoid, triangular, exponential,
 * sigmoid, gaussian, rectangular, cauchy, q-PseudoSpike) peaks at γ with area γ/s; {@link
 * dev.spikeforge.trainer.surrogate.AdaLi} is the asymmetric window whose width is scheduled per
 * epoch; {@link dev.spikeforge.trainer.surrogate.LayerSurrogates} holds the surrogate each layer
 * currently uses.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.adapt}, {@code
 * dev.spikeforge.trainer.engine}, {@code dev.spikeforge.trainer.train}.
 */
package dev.spikeforge.trainer.surrogate;
