/**
 * The cost model of a chip profile laid out for the simulator: energy and latency per event kind at a value and both
 * ends of its range, chip geometry and hops, the chip clock (whole femtoseconds), timing reports and the equivalent
 * ANN's work. Plain figures and arithmetic over counts: it does not run or know the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.bench}, {@code dev.spikeforge.sim.chip},
 * {@code dev.spikeforge.sim.energy}, {@code dev.spikeforge.sim.io}, {@code dev.spikeforge.sim.junit},
 * {@code dev.spikeforge.sim.network}, {@code dev.spikeforge.sim.neuron}, {@code dev.spikeforge.sim.plot},
 * {@code dev.spikeforge.sim.probe}, {@code dev.spikeforge.sim.run}, {@code dev.spikeforge.sim.synapse}.
 */
package dev.spikeforge.sim.cost;
