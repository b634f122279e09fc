/**
 * Float to Loihi fixed-point conversion: weight scale and exponent, threshold, bias and decay registers. The chip's
 * neuron model is the neuron module's ({@link dev.spikeforge.compiler.quantize.Leak} builds its
 * {@link dev.spikeforge.neuron.FixedNeuron}, {@link dev.spikeforge.neuron.codec.NeuronCodec} writes it). Depends on
 * the compiler's {@code network} view, {@code neuron} and the proto messages only: not on mapping, validation or the
 * simulator.
 */
package dev.spikeforge.compiler.quantize;
