/** Checkpoints of a training run (written atomically after every epoch) and resuming from them. */
package dev.spikeforge.trainer.checkpoint;
