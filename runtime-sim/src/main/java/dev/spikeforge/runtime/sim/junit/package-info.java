/**
 * JUnit 5 support: {@link dev.spikeforge.runtime.sim.junit.SimulatedDeployment} injects an emulated
 * chip with a compiled network loaded into a test, closed after it. For users' tests; nothing in
 * main code uses it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.runtime.sim.bench}, {@code
 * dev.spikeforge.runtime.sim.plot}, {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.runtime.sim.junit;
