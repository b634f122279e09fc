/**
 * The simulator proper: {@link dev.spikeforge.sim.network.SimModel} (a compiled network checked and laid out in
 * partitions and segments), {@link dev.spikeforge.sim.network.Simulator} (per-run state, the two phases of a step,
 * threads) and the activity counters. Neurons are updated only through {@code sim.neuron.NeuronKernel} and synapses
 * only through {@code sim.synapse}; this package must not depend on the simulator's users (probes, plots, chip, run,
 * energy, bench, JUnit support) nor re-implement any neuron rule.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.probe}, {@code dev.spikeforge.sim.plot},
 * {@code dev.spikeforge.sim.chip}, {@code dev.spikeforge.sim.run}, {@code dev.spikeforge.sim.energy},
 * {@code dev.spikeforge.sim.io}, {@code dev.spikeforge.sim.bench}, {@code dev.spikeforge.sim.junit}.
 */
package dev.spikeforge.sim.network;
