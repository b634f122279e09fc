/**
 * {@link dev.spikeforge.runtime.sim.chip.EmulatedChip}: a compiled network on a simulated chip for
 * tests and scripts (load, record probes, run spike input, read spikes, readout, counters and
 * energy in a {@code ChipRun}). The facade over the simulator; plots, benchmarks and the JUnit
 * support sit on top of it, not under it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.plot}, {@code
 * dev.spikeforge.runtime.sim.bench}, {@code dev.spikeforge.runtime.sim.junit}.
 */
package dev.spikeforge.runtime.sim.chip;
