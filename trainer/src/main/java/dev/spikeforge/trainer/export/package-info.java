/**
 * Conversion between the engine network and the TrainedNetwork artifact, with provenance. Reads
 * parameters only, not the engine or the loop.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.engine}, {@code
 * dev.spikeforge.trainer.train}, {@code dev.spikeforge.compiler}.
 */
package dev.spikeforge.trainer.export;
