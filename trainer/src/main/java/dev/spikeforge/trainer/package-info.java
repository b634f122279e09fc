/**
 * Training and float evaluation of spiking networks: {@link dev.spikeforge.trainer.Trainer}, {@link
 * dev.spikeforge.trainer.TrainingConfig} and {@link dev.spikeforge.trainer.FloatEvaluator} are the
 * entry points; the subpackages are their parts. The trainer never depends on the compiler or the
 * simulator (they are test-only dependencies, used to hold both to the same numbers).
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler}, {@code dev.spikeforge.runtime.sim},
 * {@code dev.spikeforge.device.bridge}, {@code dev.spikeforge.nir}, {@code dev.spikeforge.netx},
 * {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.trainer;
