package dev.spikeforge.trainer.report;

import dev.spikeforge.proto.EpochMetrics;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Per-epoch metrics as CSV (one row per epoch) and JSON (an object with an "epochs" array).
 * Columns: epoch, loss, train and test accuracy, seconds, one firing rate per spiking layer
 * (named), then the extras in name order (learning rate, evaluation seconds, synaptic ops, …). A
 * metric that was not measured is empty (CSV) or null (JSON).
 */
public final class MetricsTable {
    private MetricsTable() {}

    public static String csv(List<EpochMetrics> epochs, List<String> layers) {
        List<String> extras = extras(epochs);
        StringBuilder s = new StringBuilder("epoch,loss,train_accuracy,test_accuracy,seconds");
        for (String l : layers) s.append(",firing_rate_").append(l);
        for (String e : extras) s.append(',').append(e);
        s.append('\n');
        for (EpochMetrics m : epochs) {
            s.append(m.getEpoch())
                    .append(',')
                    .append(num(m.getLoss()))
                    .append(',')
                    .append(num(m.getTrainAccuracy()))
                    .append(',')
                    .append(num(m.getTestAccuracy()))
                    .append(',')
                    .append(num(m.getSeconds()));
            for (int l = 0; l < layers.size(); l++)
                s.append(',').append(l < m.getFiringRateCount() ? num(m.getFiringRate(l)) : "");
            for (String e : extras)
                s.append(',').append(m.containsExtra(e) ? num(m.getExtraOrThrow(e)) : "");
            s.append('\n');
        }
        return s.toString();
    }

    public static String json(List<EpochMetrics> epochs, List<String> layers) {
        List<String> extras = extras(epochs);
        StringBuilder s = new StringBuilder("{\"layers\": [");
        for (int l = 0; l < layers.size(); l++)
            s.append(l > 0 ? ", " : "").append(quote(layers.get(l)));
        s.append("], \"epochs\": [");
        for (int i = 0; i < epochs.size(); i++) {
            EpochMetrics m = epochs.get(i);
            s.append(i > 0 ? ",\n  " : "\n  ")
                    .append("{\"epoch\": ")
                    .append(m.getEpoch())
                    .append(", \"loss\": ")
                    .append(jsonNum(m.getLoss()))
                    .append(", \"train_accuracy\": ")
                    .append(jsonNum(m.getTrainAccuracy()))
                    .append(", \"test_accuracy\": ")
                    .append(jsonNum(m.getTestAccuracy()))
                    .append(", \"seconds\": ")
                    .append(jsonNum(m.getSeconds()))
                    .append(", \"firing_rate\": [");
            for (int l = 0; l < m.getFiringRateCount(); l++)
                s.append(l > 0 ? ", " : "").append(jsonNum(m.getFiringRate(l)));
            s.append(']');
            for (String e : extras)
                if (m.containsExtra(e))
                    s.append(", ")
                            .append(quote(e))
                            .append(": ")
                            .append(jsonNum(m.getExtraOrThrow(e)));
            s.append('}');
        }
        return s.append("\n]}\n").toString();
    }

    private static List<String> extras(List<EpochMetrics> epochs) {
        TreeSet<String> names = new TreeSet<>();
        for (EpochMetrics m : epochs) names.addAll(m.getExtraMap().keySet());
        return List.copyOf(names);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String jsonNum(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
