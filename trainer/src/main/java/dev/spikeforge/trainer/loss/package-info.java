/** Additive loss terms that read the forward state and put their gradients where the backward pass picks them up. */
package dev.spikeforge.trainer.loss;
