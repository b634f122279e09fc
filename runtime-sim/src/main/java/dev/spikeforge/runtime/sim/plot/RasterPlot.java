package dev.spikeforge.runtime.sim.plot;

import dev.spikeforge.runtime.sim.probe.ProbeRecording;
import dev.spikeforge.runtime.sim.probe.Recording;
import dev.spikeforge.runtime.sim.probe.Signal;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Spike raster of the recorded neurons: one dot per spike at (step, neuron), layers stacked bottom
 * to top.
 */
public final class RasterPlot {
    private RasterPlot() {}

    public static Path write(Recording r, Path file) {
        XYChart chart =
                new XYChartBuilder()
                        .width(Plots.WIDTH)
                        .height(Plots.HEIGHT)
                        .title("Spike raster")
                        .xAxisTitle("step")
                        .yAxisTitle("neuron (layers stacked)")
                        .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisDecimalPattern("#").setYAxisDecimalPattern("#");
        int offset = 0, total = 0, steps = 1;
        boolean any = false;
        for (ProbeRecording p : r.probes()) {
            if (!p.probe().records(Signal.SPIKES)) continue;
            int[] ns = p.neurons();
            int max = 0;
            for (int n : ns) max = Math.max(max, n);
            int k = p.spikeCount();
            double[] x = new double[Math.max(1, k)], y = new double[Math.max(1, k)];
            for (int i = 0; i < k; i++) {
                x[i] = p.spikeStep(i);
                y[i] = offset + p.spikeNeuron(i);
            }
            if (k == 0) {
                x[0] = 0;
                y[0] = Double.NaN; // an empty series still gets its legend entry
            }
            String name =
                    p.layer()
                            + " ("
                            + k
                            + (k == 1 ? " spike" : " spikes")
                            + (offset > 0 ? ", neuron + " + offset : "")
                            + ")";
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
            offset += max + 1;
            total += k;
            steps = Math.max(steps, p.steps());
            any = true;
        }
        if (!any)
            throw new IllegalArgumentException(
                    "no probe recorded spikes: nothing to plot in a raster");
        // The whole run on x, every neuron on y; bigger dots when there are few.
        chart.getStyler()
                .setXAxisMin(-0.5)
                .setXAxisMax(steps - 0.5)
                .setYAxisMin(-0.5)
                .setYAxisMax(offset - 0.5);
        chart.getStyler().setMarkerSize(total < 2000 ? 7 : 3);
        return Plots.save(chart, file);
    }
}
