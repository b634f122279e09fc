/**
 * The simulator proper: {@link dev.spikeforge.runtime.sim.engine.SimModel} (a compiled network
 * checked and laid out in partitions and segments), {@link
 * dev.spikeforge.runtime.sim.engine.Simulator} (per-run state, the two phases of a step, threads)
 * and the activity counters. Neurons are updated only through {@code sim.neuron.NeuronKernel} and
 * synapses only through {@code sim.synapse}; this package must not depend on the simulator's users
 * (probes, plots, chip, run, energy, bench, JUnit support) nor re-implement any neuron rule.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.probe}, {@code
 * dev.spikeforge.runtime.sim.plot}, {@code dev.spikeforge.runtime.sim.chip}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.energy}, {@code
 * dev.spikeforge.runtime.sim.io}, {@code dev.spikeforge.runtime.sim.bench}, {@code
 * dev.spikeforge.runtime.sim.junit}.
 */
package dev.spikeforge.runtime.sim.engine;
