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
 * Traces of one signal (voltage or current) over steps, one line per recorded neuron, at most
 * {@link #MAX_LINES}.
 */
public final class TracePlot {
    public static final int MAX_LINES = 12;

    private TracePlot() {}

    public static Path write(Recording r, Signal s, Path file) {
        if (s == Signal.SPIKES)
            throw new IllegalArgumentException("spikes are plotted as a raster, not a trace");
        XYChart chart =
                new XYChartBuilder()
                        .width(Plots.WIDTH)
                        .height(Plots.HEIGHT)
                        .xAxisTitle("step")
                        .yAxisTitle(s.label() + " (integer chip units)")
                        .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisDecimalPattern("#");
        int lines = 0, total = 0;
        for (ProbeRecording p : r.probes()) {
            if (!p.hasTrace(s)) continue;
            int[] ns = p.neurons();
            total += ns.length;
            for (int i = 0; i < ns.length && lines < MAX_LINES; i++, lines++) {
                int[] t = p.trace(s, i);
                double[] x = new double[Math.max(1, t.length)],
                        y = new double[Math.max(1, t.length)];
                for (int k = 0; k < t.length; k++) {
                    x[k] = k;
                    y[k] = t[k];
                }
                chart.addSeries(p.layer() + "[" + ns[i] + "]", x, y).setMarker(SeriesMarkers.NONE);
            }
        }
        if (lines == 0)
            throw new IllegalArgumentException(
                    "no probe recorded " + s.label() + ": nothing to plot");
        chart.setTitle(
                capitalized(s.label())
                        + " traces"
                        + (total > lines
                                ? " (first " + lines + " of " + total + " recorded neurons)"
                                : ""));
        return Plots.save(chart, file);
    }

    private static String capitalized(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
