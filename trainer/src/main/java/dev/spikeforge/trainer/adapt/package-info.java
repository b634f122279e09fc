/**
 * Adapting surrogates during training (methods.md §4-5): AdaLi's window schedule, chi (the share of
 * neuron-steps that receive gradient) with the rule that keeps it in range, the membrane-potential
 * monitor, and the controller that picks each layer's surrogate per epoch.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.checkpoint}, {@code
 * dev.spikeforge.trainer.export}, {@code dev.spikeforge.trainer.report}, {@code
 * dev.spikeforge.trainer.hybrid}.
 */
package dev.spikeforge.trainer.adapt;
