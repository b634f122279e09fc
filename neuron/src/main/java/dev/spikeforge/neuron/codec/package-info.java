/**
 * {@link dev.spikeforge.neuron.codec.NeuronCodec}: the neuron models to and from their proto form
 * (the trained and the compiled network's neuron parameters, reset modes). Depends on {@code
 * dev.spikeforge.neuron} and the generated {@code dev.spikeforge.proto} messages only; it is the
 * one place where the two meet, so the models stay free of the file format.
 *
 * <p>Must not depend on: {@code dev.spikeforge.proto.artifact}, {@code dev.spikeforge.data}, {@code
 * dev.spikeforge.runtime.sim}, {@code dev.spikeforge.compiler}, {@code dev.spikeforge.trainer},
 * {@code dev.spikeforge.device.bridge}, {@code dev.spikeforge.nir}, {@code dev.spikeforge.netx},
 * {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.neuron.codec;
