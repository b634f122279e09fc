/**
 * Partitioning layers into cores, placing cores on the mesh, and routing between them. Works on the
 * network view and spike rates it is given: it neither quantizes, validates nor runs the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.quantize}, {@code
 * dev.spikeforge.compiler.validate}, {@code dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.compiler.mapping;
