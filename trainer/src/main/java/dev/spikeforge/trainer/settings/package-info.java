/**
 * A {@link dev.spikeforge.trainer.TrainingConfig} as the typed {@link
 * dev.spikeforge.proto.TrainingSettings} message of the artifact's provenance and the checkpoint,
 * and back: so a resumed run is compared, and restarted, field by field.
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.engine}, {@code
 * dev.spikeforge.trainer.checkpoint}, {@code dev.spikeforge.trainer.report}, {@code
 * dev.spikeforge.trainer.extension}.
 */
package dev.spikeforge.trainer.settings;
