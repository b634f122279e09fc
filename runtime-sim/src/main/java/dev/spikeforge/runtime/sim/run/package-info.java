/**
 * Running samples: one encoded sample through a simulator and its classification ({@link
 * dev.spikeforge.runtime.sim.run.SampleRunner}), many on threads with results independent of the
 * thread count, and accuracy and energy on a labelled image set encoded as the trainer's evaluation
 * encodes it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.chip}, {@code
 * dev.spikeforge.runtime.sim.probe}, {@code dev.spikeforge.runtime.sim.plot}, {@code
 * dev.spikeforge.runtime.sim.bench}.
 */
package dev.spikeforge.runtime.sim.run;
