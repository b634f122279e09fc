/**
 * {@link dev.spikeforge.sim.chip.EmulatedChip}: a compiled network on a simulated chip for tests and scripts (load,
 * record probes, run spike input, read spikes, readout, counters and energy in a {@code ChipRun}). The facade over the
 * simulator; plots, benchmarks and the JUnit support sit on top of it, not under it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.plot}, {@code dev.spikeforge.sim.bench},
 * {@code dev.spikeforge.sim.junit}.
 */
package dev.spikeforge.sim.chip;
