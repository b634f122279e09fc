/** The batched forward pass and its hand-written BPTT backward pass over preallocated step-major buffers. */
package dev.spikeforge.trainer.engine;
