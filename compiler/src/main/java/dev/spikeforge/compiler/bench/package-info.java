/**
 * The {@code bench compile} benchmark: a random layered network described by shapes only (no
 * weights materialized) timed through partitioning, route graph, placement and routing tables. It
 * times the mapping only.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.quantize}, {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.compiler.bench;
