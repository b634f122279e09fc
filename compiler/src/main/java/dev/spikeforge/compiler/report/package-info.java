/**
 * The quantization and utilization report of a compiled network, from the mapping's results; it
 * runs nothing.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.quantize}, {@code
 * dev.spikeforge.compiler.validate}, {@code dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.compiler.report;
