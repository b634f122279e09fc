package dev.spikeforge.runtime.sim.plot;

import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Energy per inference by layer, stacked by component (synaptic ops, spikes, neuron updates, hops,
 * static), with host input hops as their own bar and the equivalent ANN's energy beside them.
 */
public final class EnergyPlot {
    private EnergyPlot() {}

    public static Path write(EnergyBreakdown b, Path file) {
        double inf = b.inferences();
        List<String> x = new ArrayList<>();
        List<EnergyReport> rows = new ArrayList<>();
        for (EnergyBreakdown.LayerEnergy l : b.layers()) {
            x.add(l.name());
            rows.add(l.energy());
        }
        x.add("host input");
        x.add("ANN (45 nm)");
        double ann = b.ann().annJPerInference(), snn = b.perInference().totalJ();
        double max = Math.max(ann, 0);
        for (EnergyReport e : rows) max = Math.max(max, e.totalJ() / inf);
        max = Math.max(max, b.inputHopJ() / inf);
        double scale = Plots.joulesScale(max);
        String unit = Plots.joulesUnit(scale);
        String title =
                String.format(
                        "Energy per inference: chip %s, equivalent ANN %s (ANN / chip = %.3g)",
                        Plots.joules(snn), Plots.joules(ann), b.ann().ratio());
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(Plots.WIDTH)
                        .height(Plots.HEIGHT)
                        .title(title)
                        .xAxisTitle("layer")
                        .yAxisTitle("energy per inference (" + unit + ")")
                        .build();
        chart.getStyler().setStacked(true);
        String[] names = {"synaptic ops", "spikes", "neuron updates", "hops", "static", "ANN MACs"};
        for (int c = 0; c < names.length; c++) {
            List<Number> y = new ArrayList<>();
            for (EnergyReport e : rows) y.add(c == 5 ? 0.0 : component(e, c) / inf * scale);
            y.add(c == 3 ? b.inputHopJ() / inf * scale : 0.0);
            y.add(c == 5 ? ann * scale : 0.0);
            chart.addSeries(names[c], x, y);
        }
        return Plots.save(chart, file);
    }

    private static double component(EnergyReport e, int c) {
        return switch (c) {
            case 0 -> e.synapticJ();
            case 1 -> e.spikeJ();
            case 2 -> e.neuronUpdateJ();
            case 3 -> e.hopJ();
            default -> e.staticJ();
        };
    }
}
