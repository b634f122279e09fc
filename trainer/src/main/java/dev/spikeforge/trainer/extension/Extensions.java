package dev.spikeforge.trainer.extension;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.engine.EngineOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A run's extensions in registration order, and the one place their callbacks are invoked: in that
 * order, except {@link #afterBackward} (reverse) and {@link #deployed} (nested, first outermost).
 * See {@link TrainingExtension} for when the loop calls each.
 */
public final class Extensions {
    private final List<TrainingExtension> all;

    public Extensions(List<? extends TrainingExtension> extensions) {
        this.all = List.copyOf(extensions);
    }

    public List<TrainingExtension> list() {
        return all;
    }

    public EngineOptions configure(EngineOptions options) {
        for (TrainingExtension x : all) options = x.configure(options);
        return options;
    }

    public void beforeTraining(TrainingContext context) {
        for (TrainingExtension x : all) x.beforeTraining(context);
    }

    /**
     * @param state each extension's checkpointed state by id; an id without an entry resumes with
     *     empty state
     */
    public void resume(List<EpochMetrics> epochs, Map<String, Map<String, String>> state) {
        for (TrainingExtension x : all)
            x.resume(new Resumption(epochs, state.getOrDefault(x.id(), Map.of())));
    }

    public void beforeEpoch(int epoch, int epochs) {
        for (TrainingExtension x : all) x.beforeEpoch(epoch, epochs);
    }

    public void beforeBatch(Batch batch) {
        for (TrainingExtension x : all) x.beforeBatch(batch);
    }

    public void afterBackward(Batch batch) {
        for (int i = all.size() - 1; i >= 0; i--) all.get(i).afterBackward(batch);
    }

    public void afterBatch(Batch batch, double loss, double firingRate) {
        for (TrainingExtension x : all) x.afterBatch(batch, loss, firingRate);
    }

    public void afterEpoch(EpochMetrics.Builder metrics) {
        for (TrainingExtension x : all) x.afterEpoch(metrics);
    }

    /** The non-empty states by extension id. */
    public Map<String, Map<String, String>> checkpointState() {
        Map<String, Map<String, String>> state = new LinkedHashMap<>();
        for (TrainingExtension x : all) {
            Map<String, String> s = x.checkpointState();
            if (s == null || s.isEmpty()) continue;
            if (state.putIfAbsent(x.id(), Map.copyOf(s)) != null) {
                throw new IllegalStateException(
                        "two training extensions checkpoint state under the id '"
                                + x.id()
                                + "'; give them different ids");
            }
        }
        return state;
    }

    public void epochComplete(EpochMetrics metrics) {
        for (TrainingExtension x : all) x.epochComplete(metrics);
    }

    public <T> T deployed(Supplier<T> work) {
        Supplier<T> nested = work;
        for (int i = all.size() - 1; i >= 0; i--) {
            TrainingExtension x = all.get(i);
            Supplier<T> inner = nested;
            nested = () -> x.deployed(inner);
        }
        return nested.get();
    }

    public void finalMetrics(Map<String, Double> metrics) {
        for (TrainingExtension x : all) x.finalMetrics(metrics);
    }

    public void provenance(Map<String, String> hyperparameters) {
        for (TrainingExtension x : all) x.provenance(hyperparameters);
    }
}
