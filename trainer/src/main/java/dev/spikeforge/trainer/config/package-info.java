/** The parts of a {@link dev.spikeforge.trainer.TrainingConfig}: layers, input encoding, neurons, optimizer, loss. */
package dev.spikeforge.trainer.config;
