/**
 * Float to Loihi fixed-point conversion: weight scale and exponent, threshold, bias and decay
 * registers. The chip's neuron model is the neuron module's ({@link
 * dev.spikeforge.compiler.quantize.Leak} builds its {@link dev.spikeforge.neuron.FixedNeuron},
 * {@link dev.spikeforge.neuron.codec.NeuronCodec} writes it). Depends on the compiler's {@code
 * layers} view, {@code neuron}, the proto messages and {@code artifact.validate}'s {@code
 * SourceMap} only: not on mapping, validation or the simulator.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.mapping}, {@code
 * dev.spikeforge.compiler.validate}, {@code dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.compiler.quantize;
