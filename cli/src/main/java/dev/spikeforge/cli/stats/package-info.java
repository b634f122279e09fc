/**
 * Statistics over repeated runs (seeds) of the experiments' arms: each arm's mean with its 95 %
 * interval, and two arms compared seed by seed. Reads the JSON lines bench/experiments.sh writes;
 * it only reads numbers.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer}, {@code dev.spikeforge.compiler}, {@code
 * dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.cli.stats;
