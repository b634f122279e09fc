/**
 * A run's human- and tool-readable outputs: per-epoch metrics as CSV and JSON, and a PNG of the
 * training curves.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.engine}, {@code
 * dev.spikeforge.trainer.train}.
 */
package dev.spikeforge.trainer.report;
