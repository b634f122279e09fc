/**
 * The content of a netx file as plain records: layers, neuron groups, integer tensors and
 * Spikeforge's own record. Depends on nothing of the project.
 *
 * <p>Must not depend on: {@code dev.spikeforge}.
 */
package dev.spikeforge.netx.format;
