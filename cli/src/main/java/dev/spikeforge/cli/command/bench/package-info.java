/**
 * {@code spikeforge bench sim|compile|bridge}: thin commands over the benchmarks of the simulator,
 * the compiler and the bridge, printing measured speed and memory as a table and a JSON line
 * (figures and their history are in docs/benchmarks.md, not here).
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer}, {@code dev.spikeforge.nir}, {@code
 * dev.spikeforge.netx}.
 */
package dev.spikeforge.cli.command.bench;
