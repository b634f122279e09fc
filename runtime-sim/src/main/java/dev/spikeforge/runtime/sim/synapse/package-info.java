/**
 * The synapse kernels: a connection's synapses split over the target's partitions in a dense,
 * sparse (CSR) or gap-coded layout, the choice between them, and delivering a spike list into a
 * partition's accumulators. Only weights and indices: no neuron, no simulator state.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.bench}, {@code
 * dev.spikeforge.runtime.sim.chip}, {@code dev.spikeforge.runtime.sim.cost}, {@code
 * dev.spikeforge.runtime.sim.energy}, {@code dev.spikeforge.runtime.sim.io}, {@code
 * dev.spikeforge.runtime.sim.junit}, {@code dev.spikeforge.runtime.sim.engine}, {@code
 * dev.spikeforge.runtime.sim.neuron}, {@code dev.spikeforge.runtime.sim.plot}, {@code
 * dev.spikeforge.runtime.sim.probe}, {@code dev.spikeforge.runtime.sim.run}, {@code
 * dev.spikeforge.neuron}.
 */
package dev.spikeforge.runtime.sim.synapse;
