/**
 * The neuron models, defined once for every module: {@link dev.spikeforge.neuron.FloatLif}, the
 * float CUBA LIF the trainer optimizes, and the fixed-point family {@link
 * dev.spikeforge.neuron.FixedNeuron} ({@code CubaLif}, {@code ShiftLif}, {@code IntegrateFire}: one
 * step skeleton, one leak each, with the threshold, reset and refractory rules of {@link
 * dev.spikeforge.neuron.Firing}) that the compiler targets and the simulator runs; the integer
 * rules of the datapath ({@link dev.spikeforge.neuron.FixedPoint}: weight exponent, 24-bit wrap and
 * clip, decay) and the float weight grid ({@link dev.spikeforge.neuron.WeightScale}).
 *
 * <p>Plain Java: this package depends on nothing, not even the proto messages (their mapping is
 * {@code dev.spikeforge.neuron.codec}) and never on the modules that use it (trainer, compiler,
 * runtime-sim).
 *
 * <p>Must not depend on: {@code dev.spikeforge}.
 */
package dev.spikeforge.neuron;
