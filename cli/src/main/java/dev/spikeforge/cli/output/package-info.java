/**
 * How commands print: the last-line JSON result, error reports, progress bars on stderr, energy and
 * latency summaries, units. Formats results it is handed; it runs nothing itself.
 *
 * <p>Must not depend on: {@code dev.spikeforge.cli.command}, {@code dev.spikeforge.cli.deploy},
 * {@code dev.spikeforge.cli.energy}, {@code dev.spikeforge.cli.sweep}, {@code
 * dev.spikeforge.device.bridge}, {@code dev.spikeforge.compiler}.
 */
package dev.spikeforge.cli.output;
