/**
 * Where independent pieces of work run: the {@link dev.spikeforge.cli.engine.Engine} seam
 * (serializable tasks, shared values, results back to the driver as each task ends), the in-process
 * {@link dev.spikeforge.cli.engine.LocalEngine}, providers of other engines found at run time, and
 * a dataset evaluation split into parts. Knows no command.
 *
 * <p>Must not depend on: {@code dev.spikeforge.cli.command}, {@code dev.spikeforge.cli.sweep},
 * {@code dev.spikeforge.cli.energy}, {@code dev.spikeforge.cli.deploy}, {@code
 * dev.spikeforge.trainer}, {@code dev.spikeforge.compiler}, {@code dev.spikeforge.device.bridge}.
 */
package dev.spikeforge.cli.engine;
