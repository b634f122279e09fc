/**
 * The batched forward pass and its hand-written BPTT backward pass over preallocated step-major
 * buffers. The loop and the losses build on it, not the other way round.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.train}, {@code dev.spikeforge.trainer.loss},
 * {@code dev.spikeforge.trainer.optim}, {@code dev.spikeforge.trainer.checkpoint}, {@code
 * dev.spikeforge.trainer.report}, {@code dev.spikeforge.trainer.export}.
 */
package dev.spikeforge.trainer.engine;
