package dev.spikeforge.cli.sweep;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.Trainer;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.TrainingListener;
import dev.spikeforge.trainer.TrainingResult;
import java.util.ArrayList;
import java.util.List;

/** Trains one cell on one thread and sums up what it gave. */
public final class CellTrainer {
    /**
     * At or below this multiple of chance (1 / classes) a run counts as diverged: it learned
     * nothing.
     */
    static final double CHANCE_MULTIPLE = 1.2;

    private final TrainingConfig base;
    private final LabeledImages train, test;
    private final double target;

    public CellTrainer(
            TrainingConfig base, LabeledImages train, LabeledImages test, double targetAccuracy) {
        this.base = base;
        this.train = train;
        this.test = test;
        this.target = targetAccuracy;
    }

    public CellResult run(SweepCell cell) {
        return run(cell, epoch -> {});
    }

    /**
     * @param onEpoch called with each finished epoch's number
     */
    public CellResult run(SweepCell cell, java.util.function.IntConsumer onEpoch) {
        TrainingConfig c =
                base.withSurrogate(cell.surrogate())
                        .withLearningRate(cell.lr())
                        .withThreads(1)
                        .withEvaluateEachEpoch(true);
        long start = System.nanoTime();
        TrainingResult r;
        try {
            r =
                    new Trainer(c)
                            .train(
                                    train,
                                    test,
                                    new TrainingListener() {
                                        @Override
                                        public void onEpoch(EpochMetrics m) {
                                            onEpoch.accept(m.getEpoch());
                                        }
                                    });
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("training diverged")) throw e;
            return new CellResult(
                    cell.shape(),
                    cell.dampening(),
                    cell.sharpness(),
                    cell.tailFatness(),
                    cell.lr(),
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    null,
                    true,
                    e.getMessage(),
                    List.of(),
                    (System.nanoTime() - start) / 1e9);
        }
        List<Double> perEpoch = new ArrayList<>();
        Integer toTarget = null;
        for (EpochMetrics m : r.epochs()) {
            perEpoch.add(m.getTestAccuracy());
            if (toTarget == null && m.getTestAccuracy() >= target) toTarget = m.getEpoch();
        }
        double acc = r.testAccuracy();
        double chance = 1.0 / train.classes();
        String reason = null;
        if (!Double.isFinite(r.network().getProvenance().getMetricsOrDefault("train_loss", 0.0)))
            reason = "non-finite loss";
        else if (!(acc > CHANCE_MULTIPLE * chance))
            reason =
                    String.format(
                            java.util.Locale.ROOT,
                            "test accuracy %.3f at chance (%.2f)",
                            acc,
                            chance);
        double spikes =
                r.network().getProvenance().getMetricsOrDefault("spikes_per_sample", Double.NaN);
        return new CellResult(
                cell.shape(),
                cell.dampening(),
                cell.sharpness(),
                cell.tailFatness(),
                cell.lr(),
                acc,
                r.trainAccuracy(),
                spikes,
                toTarget,
                reason != null,
                reason,
                perEpoch,
                (System.nanoTime() - start) / 1e9);
    }
}
