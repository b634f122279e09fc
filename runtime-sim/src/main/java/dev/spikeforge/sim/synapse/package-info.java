/**
 * The synapse kernels: a connection's synapses split over the target's partitions in a dense, sparse (CSR) or
 * gap-coded layout, the choice between them, and delivering a spike list into a partition's accumulators. Only weights
 * and indices: no neuron, no simulator state.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.bench}, {@code dev.spikeforge.sim.chip},
 * {@code dev.spikeforge.sim.cost}, {@code dev.spikeforge.sim.energy}, {@code dev.spikeforge.sim.io},
 * {@code dev.spikeforge.sim.junit}, {@code dev.spikeforge.sim.network}, {@code dev.spikeforge.sim.neuron},
 * {@code dev.spikeforge.sim.plot}, {@code dev.spikeforge.sim.probe}, {@code dev.spikeforge.sim.run},
 * {@code dev.spikeforge.neuron}.
 */
package dev.spikeforge.sim.synapse;
