/**
 * Quantization-aware training: the spec (hybrid activations, weight quantization) and
 * straight-through weight quantization with the compiler's per-layer rule, through the neuron
 * module's shared scale rules; the compiler itself is only a test dependency.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler}, {@code dev.spikeforge.trainer.train},
 * {@code dev.spikeforge.trainer.engine}.
 */
package dev.spikeforge.trainer.quant;
