/**
 * PNG charts, headless: spike rasters, voltage and current traces, energy per layer and per
 * profile. Draws recordings and reports it is handed, never a running simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.bench}, {@code
 * dev.spikeforge.runtime.sim.chip}, {@code dev.spikeforge.runtime.sim.cost}, {@code
 * dev.spikeforge.runtime.sim.io}, {@code dev.spikeforge.runtime.sim.junit}, {@code
 * dev.spikeforge.runtime.sim.engine}, {@code dev.spikeforge.runtime.sim.neuron}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.synapse}.
 */
package dev.spikeforge.runtime.sim.plot;
