/** The trainable network (ND4J parameters plus FloatLif neuron parameters) and how it is initialized. */
package dev.spikeforge.trainer.network;
