package dev.spikeforge.compiler.report;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A PNG of core utilization on the mesh: one heat map per used chip (tiled, at most four per row),
 * each cell a core slot coloured by the larger of its neuron and synapse-memory use in percent;
 * empty slots are left blank.
 */
public final class UtilizationPlot {
    private static final int CHART_W = 420, CHART_H = 380, PER_ROW = 4;

    private UtilizationPlot() {}

    public static void write(CompiledNetwork chip, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChipProfile p = chip.getProfile();
        int chips = chip.getReport().getChipsUsed();
        List<BufferedImage> images = new ArrayList<>();
        for (int c = 0; c < chips; c++)
            images.add(BitmapEncoder.getBufferedImage(chart(chip, p, c)));
        int cols = Math.min(PER_ROW, Math.max(1, chips)),
                rows = (Math.max(1, chips) + PER_ROW - 1) / PER_ROW;
        BufferedImage all =
                new BufferedImage(cols * CHART_W, rows * CHART_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < images.size(); i++)
            g.drawImage(images.get(i), (i % PER_ROW) * CHART_W, (i / PER_ROW) * CHART_H, null);
        g.dispose();
        if (png.getParent() != null) Files.createDirectories(png.getParent());
        ImageIO.write(all, "png", png.toFile());
    }

    /** Utilization in percent of every slot of one chip, indexed [y][x]; NaN where no core sits. */
    static double[][] grid(CompiledNetwork chip, ChipProfile p, int chipIndex) {
        double[][] u = new double[p.getMeshHeight()][p.getMeshWidth()];
        for (double[] row : u) java.util.Arrays.fill(row, Double.NaN);
        for (Core c : chip.getCoresList()) {
            if (c.getChip() != chipIndex) continue;
            double neurons =
                    (c.getNeuronEnd() - c.getNeuronBegin()) / (double) p.getNeuronsPerCore();
            double memory = c.getSynapseBits() / (double) p.getSynapseMemoryBitsPerCore();
            u[c.getY()][c.getX()] = 100 * Math.max(neurons, memory);
        }
        return u;
    }

    private static HeatMapChart chart(CompiledNetwork chip, ChipProfile p, int chipIndex) {
        HeatMapChart chart =
                new HeatMapChartBuilder()
                        .width(CHART_W)
                        .height(CHART_H)
                        .title(p.getName() + " chip " + chipIndex + ": core utilization %")
                        .xAxisTitle("x")
                        .yAxisTitle("y")
                        .build();
        chart.getStyler()
                .setMin(0)
                .setMax(100)
                .setShowValue(p.getMeshWidth() * p.getMeshHeight() <= 64)
                .setHeatMapValueDecimalPattern("0")
                .setPlotContentSize(0.95);
        chart.getStyler()
                .setRangeColors(
                        new Color[] {
                            new Color(235, 235, 235),
                            new Color(255, 204, 102),
                            new Color(204, 51, 0)
                        });
        double[][] u = grid(chip, p, chipIndex);
        List<Integer> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int x = 0; x < p.getMeshWidth(); x++) xs.add(x);
        for (int y = 0; y < p.getMeshHeight(); y++) ys.add(y);
        List<Number[]> cells = new ArrayList<>();
        for (int y = 0; y < u.length; y++) {
            for (int x = 0; x < u[y].length; x++)
                if (!Double.isNaN(u[y][x])) cells.add(new Number[] {x, y, u[y][x]});
        }
        chart.addSeries("utilization", xs, ys, cells);
        return chart;
    }
}
