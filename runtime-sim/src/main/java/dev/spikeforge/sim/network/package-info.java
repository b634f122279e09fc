/**
 * The simulator proper: {@link dev.spikeforge.sim.network.SimModel} (a compiled network checked and laid out in
 * partitions and segments), {@link dev.spikeforge.sim.network.Simulator} (per-run state, the two phases of a step,
 * threads) and the activity counters. Neurons are updated only through {@code sim.neuron.NeuronKernel} and synapses
 * only through {@code sim.synapse}; this package must not depend on the simulator's users (probes, plots, chip, run,
 * bench) nor re-implement any neuron rule.
 */
package dev.spikeforge.sim.network;
