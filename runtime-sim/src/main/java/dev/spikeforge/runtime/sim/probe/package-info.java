/**
 * Recording during a run: {@link dev.spikeforge.runtime.sim.probe.Probe} (which neurons, which
 * signal), the recorder that reads a simulator after every step, recordings and their CSV or JSON
 * files, and the per-step, per-core activity trace.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.chip}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.plot}, {@code
 * dev.spikeforge.runtime.sim.bench}.
 */
package dev.spikeforge.runtime.sim.probe;
