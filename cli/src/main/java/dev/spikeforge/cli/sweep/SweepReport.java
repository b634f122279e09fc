package dev.spikeforge.cli.sweep;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** The sweep's table (CSV, JSON) and its heat map of accuracy over shape × learning rate. */
public final class SweepReport {
    static final String HEADER =
            "shape,dampening,sharpness,tail_fatness,lr,final_accuracy,train_accuracy,spikes_per_sample,"
                + "epochs_to_target,diverged,diverged_reason,seconds";

    private SweepReport() {}

    public static String csv(List<CellResult> results) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (CellResult r : results) {
            s.append(r.shape())
                    .append(',')
                    .append(r.dampening())
                    .append(',')
                    .append(r.sharpness())
                    .append(',')
                    .append(r.tailFatness())
                    .append(',')
                    .append(r.lr())
                    .append(',')
                    .append(num(r.finalAccuracy()))
                    .append(',')
                    .append(num(r.trainAccuracy()))
                    .append(',')
                    .append(num(r.spikesPerSample()))
                    .append(',')
                    .append(r.epochsToTarget() == null ? "" : r.epochsToTarget())
                    .append(',')
                    .append(r.diverged())
                    .append(',')
                    .append(
                            r.divergedReason() == null
                                    ? ""
                                    : '"' + r.divergedReason().replace("\"", "'") + '"')
                    .append(',')
                    .append(num(r.seconds()))
                    .append('\n');
        }
        return s.toString();
    }

    public static String json(List<CellResult> results, SweepSettings settings) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", settings.asMap());
        doc.put("cells", results);
        return SweepDirectory.GSON.toJson(doc) + "\n";
    }

    /**
     * Rows: shapes, columns: learning rates; each square the best final accuracy over the dampening
     * and sharpness values tried for that pair (a diverged cell counts as 0).
     */
    public static byte[] heatMap(List<CellResult> results, String title) {
        List<String> shapes =
                new ArrayList<>(
                        new LinkedHashSet<>(results.stream().map(CellResult::shape).toList()));
        List<Double> lrs =
                new ArrayList<>(new LinkedHashSet<>(results.stream().map(CellResult::lr).toList()));
        lrs.sort(Double::compare);
        double[][] best = new double[lrs.size()][shapes.size()];
        for (double[] row : best) java.util.Arrays.fill(row, 0);
        for (CellResult r : results) {
            double a = r.diverged() || !Double.isFinite(r.finalAccuracy()) ? 0 : r.finalAccuracy();
            int x = lrs.indexOf(r.lr()), y = shapes.indexOf(r.shape());
            best[x][y] = Math.max(best[x][y], a);
        }
        List<Number[]> heat = new ArrayList<>();
        for (int x = 0; x < lrs.size(); x++)
            for (int y = 0; y < shapes.size(); y++) heat.add(new Number[] {x, y, best[x][y]});
        HeatMapChart chart =
                new HeatMapChartBuilder()
                        .width(320 + 110 * lrs.size())
                        .height(160 + 45 * shapes.size())
                        .title(title)
                        .xAxisTitle("learning rate")
                        .yAxisTitle("surrogate")
                        .build();
        chart.getStyler()
                .setShowValue(true)
                .setMin(0)
                .setMax(1)
                .setHeatMapValueDecimalPattern("0.000")
                .setRangeColors(
                        new Color[] {
                            new Color(68, 1, 84), new Color(33, 145, 140), new Color(253, 231, 37)
                        });
        chart.getStyler().setPlotContentSize(1.0);
        chart.addSeries(
                "test accuracy", lrs.stream().map(SweepReport::lrLabel).toList(), shapes, heat);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the heat map", e);
        }
    }

    static String lrLabel(double lr) {
        return String.format(Locale.ROOT, "%.3g", lr);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
