/**
 * Additive loss terms that read the forward state and put their gradients where the backward pass
 * picks them up.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.optim}, {@code
 * dev.spikeforge.trainer.checkpoint}.
 */
package dev.spikeforge.trainer.loss;
