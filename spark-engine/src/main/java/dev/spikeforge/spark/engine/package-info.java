/**
 * The Spark engine: an {@link dev.spikeforge.cli.engine.Engine} whose tasks are Spark jobs of one
 * task each, found by the cli through {@code java.util.ServiceLoader}; its settings, a listener for
 * running tasks and their progress, and failure reports. Runs whatever tasks it is given: it knows
 * no sweep, network or command of its own.
 *
 * <p>Must not depend on: {@code dev.spikeforge.cli.sweep}, {@code dev.spikeforge.cli.energy},
 * {@code dev.spikeforge.cli.deploy}, {@code dev.spikeforge.trainer}, {@code
 * dev.spikeforge.compiler}, {@code dev.spikeforge.device.bridge}, {@code
 * dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.spark.engine;
