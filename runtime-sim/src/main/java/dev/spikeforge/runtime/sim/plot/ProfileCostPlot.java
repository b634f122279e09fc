package dev.spikeforge.runtime.sim.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Energy and latency per inference on each chip profile, side by side: bars at the figures' values,
 * the ends of each band drawn as markers above and below (log scale: the profiles span orders of
 * magnitude).
 */
public final class ProfileCostPlot {
    /**
     * One profile's values and bands; a profile the network does not fit is left out of the plot.
     */
    public record Bar(
            String profile,
            double energyJ,
            double[] energyBandJ,
            double latencyS,
            double[] latencyBandS) {}

    private ProfileCostPlot() {}

    public static Path write(List<Bar> bars, String title, Path file) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart energy =
                chart(bars, "energy per inference (J)", title + ": energy per inference", true);
        CategoryChart latency =
                chart(
                        bars,
                        "latency per inference (s)",
                        "latency per inference (bars: value; markers: band)",
                        false);
        BufferedImage a = org.knowm.xchart.BitmapEncoder.getBufferedImage(energy);
        BufferedImage b = org.knowm.xchart.BitmapEncoder.getBufferedImage(latency);
        BufferedImage both =
                new BufferedImage(
                        a.getWidth() + b.getWidth(),
                        Math.max(a.getHeight(), b.getHeight()),
                        BufferedImage.TYPE_INT_RGB);
        var g = both.createGraphics();
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth(), 0, null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(both, "png", png);
            dev.spikeforge.proto.artifact.ArtifactFiles.writeAtomically(file, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the plot: " + e.getMessage(), e);
        }
        return file;
    }

    private static CategoryChart chart(
            List<Bar> bars, String yTitle, String title, boolean energy) {
        CategoryChart c =
                new CategoryChartBuilder()
                        .width(Plots.WIDTH / 2 + 100)
                        .height(Plots.HEIGHT)
                        .title(title)
                        .xAxisTitle("profile")
                        .yAxisTitle(yTitle)
                        .build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setOverlapped(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        List<String> x = new ArrayList<>();
        List<Number> v = new ArrayList<>(), lo = new ArrayList<>(), hi = new ArrayList<>();
        for (Bar bar : bars) {
            x.add(bar.profile());
            double value = energy ? bar.energyJ() : bar.latencyS();
            double[] band = energy ? bar.energyBandJ() : bar.latencyBandS();
            // a log axis cannot show 0: a zero value is drawn at the smallest positive one
            v.add(positive(value));
            lo.add(positive(band[0]));
            hi.add(positive(band[1]));
        }
        // Bars start at the axis minimum; a log axis needs it set above 0, a factor below the
        // lowest band end.
        double min = Double.MAX_VALUE, max = 0;
        for (Number n : lo) min = Math.min(min, n.doubleValue());
        for (Number n : hi) max = Math.max(max, n.doubleValue());
        if (!bars.isEmpty()) {
            c.getStyler().setYAxisMin(min / 3);
            c.getStyler().setYAxisMax(max * 3);
        }
        CategorySeries value = c.addSeries(energy ? "energy (value)" : "latency (value)", x, v);
        value.setChartCategorySeriesRenderStyle(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Bar);
        CategorySeries low = c.addSeries("band low", x, lo);
        low.setChartCategorySeriesRenderStyle(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        low.setMarker(SeriesMarkers.TRIANGLE_UP);
        CategorySeries high = c.addSeries("band high", x, hi);
        high.setChartCategorySeriesRenderStyle(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        high.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        return c;
    }

    private static double positive(double x) {
        return x > 0 ? x : 1e-30;
    }
}
