/**
 * Hybrid training (methods.md §6): hidden spikes replaced by error-diffusion quantized activations
 * whose levels anneal per epoch down to the binary spike, with quantized weights in place for
 * forward, backward, evaluation and export.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.checkpoint}, {@code
 * dev.spikeforge.trainer.export}, {@code dev.spikeforge.trainer.report}, {@code
 * dev.spikeforge.trainer.adapt}.
 */
package dev.spikeforge.trainer.hybrid;
