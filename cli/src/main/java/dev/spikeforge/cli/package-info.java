/**
 * The entry point of {@code bin/spikeforge}: {@link dev.spikeforge.cli.SpikeforgeCli} registers the
 * commands and does no work of its own; the commands live in {@code cli.command}.
 *
 * <p>Must not depend on: {@code dev.spikeforge.neuron}, {@code dev.spikeforge.data}, {@code
 * dev.spikeforge.runtime.sim}, {@code dev.spikeforge.compiler}, {@code dev.spikeforge.trainer},
 * {@code dev.spikeforge.device.bridge}, {@code dev.spikeforge.nir}, {@code dev.spikeforge.netx},
 * {@code dev.spikeforge.proto.artifact}.
 */
package dev.spikeforge.cli;
