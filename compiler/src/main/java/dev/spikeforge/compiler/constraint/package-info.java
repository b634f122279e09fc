/**
 * Hardware limits a network breaks, reported all at once. Checked on the compiler's network view
 * before any mapping, so it knows neither mapping, quantization nor the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.mapping}, {@code
 * dev.spikeforge.compiler.quantize}, {@code dev.spikeforge.compiler.validate}, {@code
 * dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.compiler.constraint;
