/** The training loop's parts: epoch runner, sample order, learning-rate schedules, seed derivation. */
package dev.spikeforge.trainer.train;
