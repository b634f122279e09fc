/**
 * The {@code bench sim} benchmarks: synaptic events per second on a synthetic layer, variants
 * alternated in one JVM so shared-machine load falls on all alike, and a heap meter. Drives the
 * simulator proper, none of its users.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.chip}, {@code
 * dev.spikeforge.runtime.sim.run}, {@code dev.spikeforge.runtime.sim.probe}, {@code
 * dev.spikeforge.cli}.
 */
package dev.spikeforge.runtime.sim.bench;
