/**
 * The simulator's side of the neurons: {@link dev.spikeforge.runtime.sim.neuron.NeuronKernel} runs
 * a layer's {@link dev.spikeforge.neuron.FixedNeuron} on one segment of a partition (delay-line
 * slot, weight exponent, active count, spike list, quiet flag) and {@link
 * dev.spikeforge.runtime.sim.neuron.SegmentTally} carries what a call produced. No neuron
 * arithmetic lives here: leak, threshold, reset and refractory rules are the neuron module's.
 * Depends on {@code dev.spikeforge.neuron} and the proto messages only, not on the rest of the
 * simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.bench}, {@code
 * dev.spikeforge.runtime.sim.chip}, {@code dev.spikeforge.runtime.sim.cost}, {@code
 * dev.spikeforge.runtime.sim.energy}, {@code dev.spikeforge.runtime.sim.io}, {@code
 * dev.spikeforge.runtime.sim.junit}, {@code dev.spikeforge.runtime.sim.engine}, {@code
 * dev.spikeforge.runtime.sim.plot}, {@code dev.spikeforge.runtime.sim.probe}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.synapse}.
 */
package dev.spikeforge.runtime.sim.neuron;
