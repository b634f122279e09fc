/**
 * {@link dev.spikeforge.neuron.codec.NeuronCodec}: the neuron models to and from their proto form (the trained and the
 * compiled network's neuron parameters, reset modes). Depends on {@code dev.spikeforge.neuron} and the generated
 * {@code dev.spikeforge.proto} messages only; it is the one place where the two meet, so the models stay free of the
 * file format.
 */
package dev.spikeforge.neuron.codec;
