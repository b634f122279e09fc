/**
 * Compiles trained float networks for neuromorphic chips; start at {@link
 * dev.spikeforge.compiler.Compiler}. The subpackages are its stages; the compiler runs networks on
 * the simulator (accuracy check) but never talks to a device or trains.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.bench}, {@code
 * dev.spikeforge.device.bridge}, {@code dev.spikeforge.trainer}, {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.compiler;
