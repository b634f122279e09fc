/** Surrogate gradients: smooth stand-ins for the spike function's derivative, each describable as a SurrogateSpec for provenance. */
package dev.spikeforge.trainer.surrogate;
