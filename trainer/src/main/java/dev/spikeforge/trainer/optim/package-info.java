/** Optimizers that update parameters in place from their gradients. */
package dev.spikeforge.trainer.optim;
