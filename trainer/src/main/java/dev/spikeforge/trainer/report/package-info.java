/** A run's human- and tool-readable outputs: per-epoch metrics as CSV and JSON, and a PNG of the training curves. */
package dev.spikeforge.trainer.report;
