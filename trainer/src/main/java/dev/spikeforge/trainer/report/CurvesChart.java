package dev.spikeforge.trainer.report;

import dev.spikeforge.proto.EpochMetrics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training curves as one PNG: loss, accuracy (train and test) and firing rate per layer, side
 * by side, by epoch.
 */
public final class CurvesChart {
    private static final int WIDTH = 420, HEIGHT = 320;

    private CurvesChart() {}

    public static byte[] png(String title, List<EpochMetrics> epochs, List<String> layers) {
        System.setProperty("java.awt.headless", "true");
        List<Double> x = new ArrayList<>(),
                loss = new ArrayList<>(),
                train = new ArrayList<>(),
                test = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) rates.add(new ArrayList<>());
        for (EpochMetrics m : epochs) {
            x.add((double) m.getEpoch());
            loss.add(m.getLoss());
            train.add(100 * m.getTrainAccuracy());
            test.add(100 * m.getTestAccuracy());
            for (int l = 0; l < layers.size(); l++)
                rates.get(l).add(l < m.getFiringRateCount() ? m.getFiringRate(l) : Double.NaN);
        }
        XYChart lossChart = chart(title + ": loss", "training loss", "#.###");
        add(lossChart, "loss", x, loss);
        XYChart accuracy = chart("accuracy", "%", "#.#");
        add(accuracy, "train", x, train);
        if (test.stream().anyMatch(v -> !v.isNaN())) add(accuracy, "test", x, test);
        XYChart rate = chart("firing rate", "spikes per neuron per step", "#.####");
        for (int l = 0; l < layers.size(); l++) add(rate, layers.get(l), x, rates.get(l));

        BufferedImage out = new BufferedImage(3 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        XYChart[] charts = {lossChart, accuracy, rate};
        for (int i = 0; i < charts.length; i++)
            g.drawImage(BitmapEncoder.getBufferedImage(charts[i]), i * WIDTH, 0, null);
        g.dispose();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart chart(String title, String yTitle, String yPattern) {
        XYChart c =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("epoch")
                        .yAxisTitle(yTitle)
                        .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(true);
        // Below the plot: inside, a corner legend hides the last epochs of a rising accuracy curve.
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisDecimalPattern("#");
        c.getStyler().setYAxisDecimalPattern(yPattern);
        return c;
    }

    private static void add(XYChart c, String name, List<Double> x, List<Double> y) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (!y.get(i).isNaN()) {
                xs.add(x.get(i));
                ys.add(y.get(i));
            }
        }
        if (xs.isEmpty()) return;
        XYSeries s = c.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
    }
}
