/**
 * Field-by-field conversion between compiled layers and netx layers: weights and exponents, neuron
 * registers, biases, the Spikeforge record, collected problems, and placing imported layers on
 * cores with the compiler's own partitioner, placer and router.
 *
 * <p>Must not depend on: {@code dev.spikeforge.netx.hdf5}, {@code dev.spikeforge.netx.lava}, {@code
 * dev.spikeforge.cli}.
 */
package dev.spikeforge.netx.mapping;
