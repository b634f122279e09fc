/**
 * Stability-based initialization (methods.md §2): weight statistics, surrogate sharpness and
 * dampening chosen per layer before training so one step of the LIF recurrence neither explodes nor
 * vanishes, the firing rate that choice implies, and the bias pre-tuning toward a target initial
 * rate.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.train}, {@code
 * dev.spikeforge.trainer.optim}, {@code dev.spikeforge.trainer.checkpoint}.
 */
package dev.spikeforge.trainer.stability;
