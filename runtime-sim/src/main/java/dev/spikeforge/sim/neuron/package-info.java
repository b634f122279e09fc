/**
 * The simulator's side of the neurons: {@link dev.spikeforge.sim.neuron.NeuronKernel} runs a layer's
 * {@link dev.spikeforge.neuron.FixedNeuron} on one segment of a partition (delay-line slot, weight exponent, active
 * count, spike list, quiet flag) and {@link dev.spikeforge.sim.neuron.SegmentTally} carries what a call produced. No
 * neuron arithmetic lives here: leak, threshold, reset and refractory rules are the neuron module's. Depends on
 * {@code dev.spikeforge.neuron} and the proto messages only, not on the rest of the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.bench}, {@code dev.spikeforge.sim.chip},
 * {@code dev.spikeforge.sim.cost}, {@code dev.spikeforge.sim.energy}, {@code dev.spikeforge.sim.io},
 * {@code dev.spikeforge.sim.junit}, {@code dev.spikeforge.sim.network}, {@code dev.spikeforge.sim.plot},
 * {@code dev.spikeforge.sim.probe}, {@code dev.spikeforge.sim.run}, {@code dev.spikeforge.sim.synapse}.
 */
package dev.spikeforge.sim.neuron;
