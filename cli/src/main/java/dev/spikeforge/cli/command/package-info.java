/**
 * The commands (picocli classes named {@code ...Command}) and what they share: flag groups and
 * their ranges ({@link dev.spikeforge.cli.command.FlagRanges}), exit codes, usage errors, artifact
 * loading, device tokens. The one package that may reach every module; benchmarks are reached only
 * through {@code cli.command.bench}, and the JUnit support of the simulator is for tests.
 *
 * <p>Must not depend on: {@code dev.spikeforge.cli.command.bench}, {@code
 * dev.spikeforge.runtime.sim.bench}, {@code dev.spikeforge.compiler.bench}, {@code
 * dev.spikeforge.device.bridge.bench}, {@code dev.spikeforge.runtime.sim.junit}.
 */
package dev.spikeforge.cli.command;
