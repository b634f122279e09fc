/**
 * Optimizers that update parameters in place from their gradients: arrays only, no network or loop.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.engine}, {@code
 * dev.spikeforge.trainer.network}, {@code dev.spikeforge.trainer.train}, {@code
 * dev.spikeforge.trainer.loss}.
 */
package dev.spikeforge.trainer.optim;
