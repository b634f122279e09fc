package dev.spikeforge.trainer.extension;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.network.LifNetwork;

/**
 * What a run trains, handed to {@link TrainingExtension#beforeTraining}.
 *
 * @param workspace the batch buffers the engine runs in; after a batch's backward pass they hold
 *     its forward state
 * @param options the engine options training runs with, after every extension's {@code configure}
 * @param train the training set (after the configured limit)
 */
public record TrainingContext(
        TrainingConfig config,
        LifNetwork network,
        BatchWorkspace workspace,
        EngineOptions options,
        BatchEncoder encoder,
        LabeledImages train) {}
