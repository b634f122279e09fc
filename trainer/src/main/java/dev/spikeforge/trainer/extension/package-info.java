/**
 * The training loop's one extension point: {@link
 * dev.spikeforge.trainer.extension.TrainingExtension}, the callbacks a training method implements,
 * and {@link dev.spikeforge.trainer.extension.Extensions}, which invokes them in the documented
 * order.
 */
package dev.spikeforge.trainer.extension;
