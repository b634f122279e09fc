package dev.spikeforge.trainer.extension;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.engine.EngineOptions;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A training method plugged into the training loop (stable init, surrogate adaptation, gradual
 * sparsity, hybrid training, dropout, or your own). Every callback defaults to doing nothing, so a
 * method implements only the points it needs, and a new method is one class registered with {@code
 * Trainer.withExtension}. Modelled on JUnit 5's extension model: one registry, callbacks invoked in
 * one loop in a fixed order.
 *
 * <h2>Order</h2>
 *
 * The extensions of a run are, in registration order: the configured methods (surrogate control,
 * stable init, gradual sparsity, hybrid/weight quantization, dropout), then those added with {@code
 * Trainer.withExtension} in the order added, then the progress listener. "Before" callbacks and the
 * ones that contribute something run in that order; {@link #afterBackward} runs in reverse order
 * (it undoes what {@link #beforeBatch} set up, innermost first), and {@link #deployed} nests with
 * the first extension outermost. A run calls:
 *
 * <ol>
 *   <li>{@link #configure} — once, each extension refining the engine options the previous one
 *       returned;
 *   <li>{@link #beforeTraining} — once, with network, workspace and final options, before any
 *       checkpoint is restored;
 *   <li>{@link #resume} — only when resuming, after parameters and optimizer state are restored;
 *   <li>per epoch {@code e} = 1 … E (after the last checkpointed one when resuming):
 *       <ol>
 *         <li>{@link #beforeEpoch};
 *         <li>per batch: {@link #beforeBatch} (input delivered, before the forward pass); forward,
 *             loss, backward; {@link #afterBackward} (reverse order; before clipping and the
 *             optimizer step); clipping, optimizer step; {@link #afterBatch};
 *         <li>the test evaluation (inside {@link #deployed}), then {@link #afterEpoch} with the
 *             epoch's metrics;
 *         <li>with a run directory, {@link #checkpointState}, then the checkpoint and metrics files
 *             are written;
 *         <li>{@link #epochComplete};
 *       </ol>
 *   <li>after the last epoch: a final evaluation if a resumed run had no epoch left (inside {@link
 *       #deployed}), then {@link #finalMetrics} and {@link #provenance}, then the artifact is built
 *       (inside {@link #deployed}).
 * </ol>
 *
 * Batches are numbered one way everywhere: {@link Batch#index()} is 0-based within its 1-based
 * epoch.
 */
public interface TrainingExtension {
    /**
     * Keys this extension's {@link #checkpointState}; two extensions with state need different ids.
     */
    default String id() {
        return getClass().getName();
    }

    /**
     * The engine options training runs with: returns {@code options} or a refined copy (e.g. with a
     * spike quantizer).
     */
    default EngineOptions configure(EngineOptions options) {
        return options;
    }

    /**
     * Once per run, before any checkpoint is restored (so a resumed run does the same setup work).
     */
    default void beforeTraining(TrainingContext context) {}

    /**
     * Continues a checkpointed run: the finished epochs' metrics and what {@link #checkpointState}
     * last returned.
     */
    default void resume(Resumption from) {}

    /**
     * @param epoch 1-based, of {@code epochs}
     */
    default void beforeEpoch(int epoch, int epochs) {}

    /** Before the batch's forward pass; its input is already in the workspace. */
    default void beforeBatch(Batch batch) {}

    /**
     * After the batch's backward pass, before clipping and the optimizer step; the forward state is
     * still there.
     */
    default void afterBackward(Batch batch) {}

    /**
     * After the batch's optimizer step. @param firingRate mean spikes per spiking neuron per step
     */
    default void afterBatch(Batch batch, double loss, double firingRate) {}

    /**
     * After the epoch's training and evaluation: add this method's per-epoch metrics (extras) to
     * {@code metrics}.
     */
    default void afterEpoch(EpochMetrics.Builder metrics) {}

    /**
     * What this extension must remember to resume after the epoch just finished, beyond the
     * parameters, optimizer and epochs' metrics that every checkpoint holds; empty for nothing.
     * Stored under {@link #id}.
     */
    default Map<String, String> checkpointState() {
        return Map.of();
    }

    /** The epoch is finished and, with a run directory, checkpointed. */
    default void epochComplete(EpochMetrics metrics) {}

    /**
     * Runs {@code work} (evaluation, export) on the network as it is deployed, e.g. with quantized
     * weights.
     */
    default <T> T deployed(Supplier<T> work) {
        return work.get();
    }

    /** Adds this method's metrics to the artifact's provenance metrics. */
    default void finalMetrics(Map<String, Double> metrics) {}

    /** Adds this method's settings and choices to the artifact's provenance hyperparameters. */
    default void provenance(Map<String, String> hyperparameters) {}
}
