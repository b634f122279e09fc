/**
 * Energy of a run from the activity counters and the cost model: the report with its band, the
 * breakdown by core, layer and host input, and the comparison with conventional ANN baselines.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.chip}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.probe}, {@code
 * dev.spikeforge.runtime.sim.plot}, {@code dev.spikeforge.runtime.sim.bench}.
 */
package dev.spikeforge.runtime.sim.energy;
