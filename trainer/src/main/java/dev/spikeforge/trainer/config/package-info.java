/**
 * The parts of a {@link dev.spikeforge.trainer.TrainingConfig}: layers, input encoding, neurons,
 * optimizer, loss. Plain settings: they do not depend on the engine that carries them out.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.engine}, {@code
 * dev.spikeforge.trainer.checkpoint}, {@code dev.spikeforge.trainer.report}.
 */
package dev.spikeforge.trainer.config;
