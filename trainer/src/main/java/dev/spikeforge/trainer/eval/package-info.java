/**
 * Classification and activity counting (spikes, synaptic ops) of a network on a data set.
 * Evaluates; never trains.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.train}, {@code
 * dev.spikeforge.trainer.optim}, {@code dev.spikeforge.trainer.loss}.
 */
package dev.spikeforge.trainer.eval;
