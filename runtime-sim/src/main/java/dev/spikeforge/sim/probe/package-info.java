/**
 * Recording during a run: {@link dev.spikeforge.sim.probe.Probe} (which neurons, which signal), the recorder that
 * reads a simulator after every step, recordings and their CSV or JSON files, and the per-step, per-core activity
 * trace.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.chip}, {@code dev.spikeforge.sim.run},
 * {@code dev.spikeforge.sim.plot}, {@code dev.spikeforge.sim.bench}.
 */
package dev.spikeforge.sim.probe;
