/**
 * The simulator's side of the neurons: {@link dev.spikeforge.sim.neuron.NeuronKernel} runs a layer's
 * {@link dev.spikeforge.neuron.FixedNeuron} on one segment of a partition (delay-line slot, weight exponent, active
 * count, spike list, quiet flag) and {@link dev.spikeforge.sim.neuron.SegmentTally} carries what a call produced.
 * No neuron arithmetic lives here: leak, threshold, reset and refractory rules are the neuron module's. Depends on
 * {@code dev.spikeforge.neuron} and the proto messages only, not on the rest of the simulator.
 */
package dev.spikeforge.sim.neuron;
