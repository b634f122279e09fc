/**
 * Compiled versus float: the float reference run, the accuracy check on a validation slice,
 * measured spike rates. The float side steps the neuron module's {@link
 * dev.spikeforge.neuron.FloatLif} and the compiled side runs on the simulator ({@code sim.run});
 * this package must not re-implement a neuron rule of its own, nor reach past {@code sim.run} into
 * the simulator's kernels.
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.quantize}, {@code
 * dev.spikeforge.runtime.sim.neuron}, {@code dev.spikeforge.runtime.sim.synapse}.
 */
package dev.spikeforge.compiler.validate;
