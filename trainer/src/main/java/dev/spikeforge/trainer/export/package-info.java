/** Conversion between the engine network and the TrainedNetwork artifact, with provenance. */
package dev.spikeforge.trainer.export;
