/**
 * Data sets and input encoding shared by every consumer: the IDX reader and Fashion-MNIST, labelled
 * images kept as bytes, and the encoders (rate, graded) that turn one sample into the same {@link
 * dev.spikeforge.data.SpikeTrain} for the trainer's evaluation, the simulator and a device.
 *
 * <p>Must not depend on: {@code dev.spikeforge.neuron}, {@code dev.spikeforge.runtime.sim}, {@code
 * dev.spikeforge.compiler}, {@code dev.spikeforge.trainer}, {@code dev.spikeforge.device.bridge},
 * {@code dev.spikeforge.nir}, {@code dev.spikeforge.netx}, {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.data;
