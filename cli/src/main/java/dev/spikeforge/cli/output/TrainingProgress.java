package dev.spikeforge.cli.output;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.TrainingListener;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;

/** One progress bar per epoch with the live loss and firing rate, and a line per finished epoch. */
public final class TrainingProgress implements TrainingListener, AutoCloseable {
    private final Consumer<String> say;
    private ProgressBar bar;
    private int barEpoch = -1;
    private double smoothLoss = Double.NaN;

    public TrainingProgress(Consumer<String> say) {
        this.say = say;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss, double firingRate) {
        if (epoch != barEpoch) {
            close();
            bar = Progress.bar("epoch " + epoch, batches);
            barEpoch = epoch;
            smoothLoss = loss;
        }
        smoothLoss = 0.9 * smoothLoss + 0.1 * loss;
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(" loss %.3f rate %.3f", smoothLoss, firingRate));
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        close();
        StringBuilder rates = new StringBuilder();
        for (double r : m.getFiringRateList()) rates.append(String.format(" %.3f", r));
        say.accept(
                String.format(
                        "epoch %d: loss %.4f, train accuracy %s, test accuracy %s, firing rate%s,"
                                + " %.1f s (+%.1f s test), lr %.3g",
                        m.getEpoch(),
                        m.getLoss(),
                        Units.percent(m.getTrainAccuracy()),
                        Double.isNaN(m.getTestAccuracy())
                                ? "-"
                                : Units.percent(m.getTestAccuracy()),
                        rates,
                        m.getSeconds(),
                        m.getExtraOrDefault("eval_seconds", 0),
                        m.getExtraOrDefault("learning_rate", Double.NaN)));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
