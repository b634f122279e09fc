/**
 * Input spike files (CSV or JSON lines, with optional graded values) read for a run of a given length, counting every
 * event not used, over a line reader with a length cap. Knows files and events, not the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.bench}, {@code dev.spikeforge.sim.chip},
 * {@code dev.spikeforge.sim.cost}, {@code dev.spikeforge.sim.energy}, {@code dev.spikeforge.sim.junit},
 * {@code dev.spikeforge.sim.network}, {@code dev.spikeforge.sim.neuron}, {@code dev.spikeforge.sim.plot},
 * {@code dev.spikeforge.sim.probe}, {@code dev.spikeforge.sim.run}, {@code dev.spikeforge.sim.synapse}.
 */
package dev.spikeforge.sim.io;
