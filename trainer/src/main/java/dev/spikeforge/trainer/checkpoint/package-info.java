/**
 * Checkpoints of a training run (written atomically after every epoch) and resuming from them.
 * Stores state; knows nothing of the engine that produced it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.engine}, {@code
 * dev.spikeforge.trainer.train}, {@code dev.spikeforge.trainer.loss}.
 */
package dev.spikeforge.trainer.checkpoint;
