/**
 * The compiler's validated view of a trained network. The base every stage reads, so it depends on
 * no other part of the compiler.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.bench}, {@code
 * dev.spikeforge.compiler.constraint}, {@code dev.spikeforge.compiler.mapping}, {@code
 * dev.spikeforge.compiler.profile}, {@code dev.spikeforge.compiler.quantize}, {@code
 * dev.spikeforge.compiler.report}, {@code dev.spikeforge.compiler.validate}, {@code
 * dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.compiler.layers;
