/**
 * Artifact files: the 20-byte header (magic, format version, payload length, CRC-32C) around the
 * protobuf payload, atomic writes through temp siblings, the JSON form, and recognizing what a file
 * is ({@link dev.spikeforge.proto.artifact.ArtifactReader} is how every command and the simulator
 * read networks). The bottom of the reactor besides the generated {@code dev.spikeforge.proto}
 * messages: it knows no module that uses it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.neuron}, {@code dev.spikeforge.data}, {@code
 * dev.spikeforge.runtime.sim}, {@code dev.spikeforge.compiler}, {@code dev.spikeforge.trainer},
 * {@code dev.spikeforge.device.bridge}, {@code dev.spikeforge.nir}, {@code dev.spikeforge.netx},
 * {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.proto.artifact;
