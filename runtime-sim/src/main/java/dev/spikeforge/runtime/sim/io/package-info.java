/**
 * Input spike files (CSV or JSON lines, with optional graded values) read for a run of a given
 * length, counting every event not used, over a line reader with a length cap. Knows files and
 * events, not the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.bench}, {@code
 * dev.spikeforge.runtime.sim.chip}, {@code dev.spikeforge.runtime.sim.cost}, {@code
 * dev.spikeforge.runtime.sim.energy}, {@code dev.spikeforge.runtime.sim.junit}, {@code
 * dev.spikeforge.runtime.sim.engine}, {@code dev.spikeforge.runtime.sim.neuron}, {@code
 * dev.spikeforge.runtime.sim.plot}, {@code dev.spikeforge.runtime.sim.probe}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.synapse}.
 */
package dev.spikeforge.runtime.sim.io;
