/**
 * The trainable network (ND4J parameters plus FloatLif neuron parameters) and how it is
 * initialized. Parameters do not know how they are trained.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.engine}, {@code
 * dev.spikeforge.trainer.train}.
 */
package dev.spikeforge.trainer.network;
