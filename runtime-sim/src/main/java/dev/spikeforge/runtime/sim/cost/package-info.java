/**
 * The cost model of a chip profile laid out for the simulator: energy and latency per event kind at
 * a value and both ends of its range, chip geometry and hops, the chip clock (whole femtoseconds),
 * timing reports and the equivalent ANN's work. Plain figures and arithmetic over counts: it does
 * not run or know the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.bench}, {@code
 * dev.spikeforge.runtime.sim.chip}, {@code dev.spikeforge.runtime.sim.energy}, {@code
 * dev.spikeforge.runtime.sim.io}, {@code dev.spikeforge.runtime.sim.junit}, {@code
 * dev.spikeforge.runtime.sim.engine}, {@code dev.spikeforge.runtime.sim.neuron}, {@code
 * dev.spikeforge.runtime.sim.plot}, {@code dev.spikeforge.runtime.sim.probe}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.synapse}.
 */
package dev.spikeforge.runtime.sim.cost;
