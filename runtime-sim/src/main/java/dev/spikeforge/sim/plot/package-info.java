/**
 * PNG charts, headless: spike rasters, voltage and current traces, energy per layer and per profile. Draws recordings
 * and reports it is handed, never a running simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.bench}, {@code dev.spikeforge.sim.chip},
 * {@code dev.spikeforge.sim.cost}, {@code dev.spikeforge.sim.io}, {@code dev.spikeforge.sim.junit},
 * {@code dev.spikeforge.sim.network}, {@code dev.spikeforge.sim.neuron}, {@code dev.spikeforge.sim.run},
 * {@code dev.spikeforge.sim.synapse}.
 */
package dev.spikeforge.sim.plot;
