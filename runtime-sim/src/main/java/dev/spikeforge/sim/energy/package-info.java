/**
 * Energy of a run from the activity counters and the cost model: the report with its band, the breakdown by core,
 * layer and host input, and the comparison with conventional ANN baselines.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.chip}, {@code dev.spikeforge.sim.run},
 * {@code dev.spikeforge.sim.probe}, {@code dev.spikeforge.sim.plot}, {@code dev.spikeforge.sim.bench}.
 */
package dev.spikeforge.sim.energy;
