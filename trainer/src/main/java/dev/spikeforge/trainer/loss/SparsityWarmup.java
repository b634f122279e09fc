package dev.spikeforge.trainer.loss;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.extension.TrainingExtension;
import java.util.List;
import java.util.Map;

/**
 * Gradual sparsity as a training method: moves the configured {@link GradualSparsity} terms along
 * their schedule before every batch and reports the weight reached (per epoch: the first term's at
 * the epoch's last batch).
 */
public final class SparsityWarmup implements TrainingExtension {
    private final List<GradualSparsity> terms;

    public SparsityWarmup(List<GradualSparsity> terms) {
        if (terms.isEmpty()) throw new IllegalArgumentException("no gradual sparsity term");
        this.terms = List.copyOf(terms);
    }

    /**
     * The warm-up of the gradual sparsity terms among {@code loss}, or null when there are none.
     */
    public static SparsityWarmup of(List<LossTerm> loss) {
        List<GradualSparsity> terms =
                loss.stream()
                        .filter(GradualSparsity.class::isInstance)
                        .map(GradualSparsity.class::cast)
                        .toList();
        return terms.isEmpty() ? null : new SparsityWarmup(terms);
    }

    @Override
    public void beforeBatch(Batch batch) {
        for (GradualSparsity g : terms) g.atProgress(batch.progress());
    }

    @Override
    public void afterEpoch(EpochMetrics.Builder metrics) {
        metrics.putExtra("sparsity_weight", terms.get(0).currentWeight());
    }

    @Override
    public void finalMetrics(Map<String, Double> metrics) {
        for (GradualSparsity g : terms) {
            metrics.put("sparsity_target", g.target());
            metrics.put("sparsity_weight", g.weight());
        }
    }
}
