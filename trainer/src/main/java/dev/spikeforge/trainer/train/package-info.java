/**
 * The training loop's parts: epoch runner, sample order, learning-rate schedules, seed derivation.
 * Surrogate adaptation and hybrid training plug into it, not the other way round.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.adapt}, {@code
 * dev.spikeforge.trainer.hybrid}, {@code dev.spikeforge.compiler}, {@code
 * dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.trainer.train;
