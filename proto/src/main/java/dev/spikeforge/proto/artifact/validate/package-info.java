/**
 * The one numeric check of an artifact that every reader applies ({@link
 * dev.spikeforge.proto.artifact.validate.ArtifactValidator}): the rules of trained and compiled
 * networks and embedded profiles against {@link
 * dev.spikeforge.proto.artifact.validate.FormatLimits}, each problem naming field and constraint,
 * and the shapes a layer reads. Checks messages, not files, so it does not use the file layer above
 * it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.proto.artifact}, {@code dev.spikeforge.neuron},
 * {@code dev.spikeforge.data}, {@code dev.spikeforge.runtime.sim}, {@code dev.spikeforge.compiler},
 * {@code dev.spikeforge.trainer}, {@code dev.spikeforge.device.bridge}, {@code dev.spikeforge.nir},
 * {@code dev.spikeforge.netx}, {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.proto.artifact.validate;
