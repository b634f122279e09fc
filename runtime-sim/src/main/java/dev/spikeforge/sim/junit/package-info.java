/**
 * JUnit 5 support: {@link dev.spikeforge.sim.junit.SimulatedDeployment} injects an emulated chip with a compiled
 * network loaded into a test, closed after it. For users' tests; nothing in main code uses it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.sim.bench}, {@code dev.spikeforge.sim.plot},
 * {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.sim.junit;
