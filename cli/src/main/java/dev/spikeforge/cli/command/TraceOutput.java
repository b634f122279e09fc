package dev.spikeforge.cli.command;

import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.probe.Probe;
import dev.spikeforge.runtime.sim.probe.ProbeRecording;
import dev.spikeforge.runtime.sim.probe.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code simulate --trace}: one neuron's run as CSV (time, input, voltage, spike; one row per step)
 * and as a PNG. Voltage is in the trained network's float units (the integer v divided by the
 * layer's scale · 2⁶), so it can be laid over a float simulation or an analytic solution, and is
 * the value after the step (0 on a step that spiked and reset to zero); input is the number of
 * input spikes sent on that step (they arrive one step later).
 */
final class TraceOutput {
    private TraceOutput() {}

    /** The probe for "LAYER:N" (default: neuron 0 of the first layer). */
    static Probe probe(SimModel model, String spec) {
        String layer = model.layerName(0);
        int neuron = 0;
        if (spec != null) {
            int colon = spec.lastIndexOf(':');
            layer = colon < 0 ? spec : spec.substring(0, colon);
            try {
                neuron = colon < 0 ? 0 : Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--trace-neuron: expected LAYER:N, got '" + spec + "'");
            }
        }
        int l = model.layerIndex(layer);
        if (l < 0) throw new IllegalArgumentException("--trace-neuron: no layer '" + layer + "'");
        if (neuron < 0 || neuron >= model.layerSize(l)) {
            throw new IllegalArgumentException(
                    "--trace-neuron: layer '"
                            + layer
                            + "' has neurons 0.."
                            + (model.layerSize(l) - 1)
                            + ", got "
                            + neuron);
        }
        return Probe.of(layer, EnumSet.of(Signal.SPIKES, Signal.VOLTAGE), neuron);
    }

    /**
     * Writes FILE.csv and FILE.png (the CSV path with .png for its extension); returns both paths.
     */
    static List<Path> write(
            Path csv, CompiledNetwork net, Probe probe, ChipRun run, SpikeInput input, double dt)
            throws IOException {
        ProbeRecording rec = null;
        for (ProbeRecording r : run.recording().probes()) if (r.probe() == probe) rec = r;
        if (rec == null) throw new IllegalStateException("trace probe was not recorded");
        CompiledLayer layer = null;
        for (CompiledLayer l : net.getLayersList())
            if (l.getName().equals(probe.layer())) layer = l;
        double unit = layer != null && layer.getScale() > 0 ? layer.getScale() * 64 : 1;
        int neuron = probe.neurons()[0];
        int[] v = rec.traceOf(Signal.VOLTAGE, neuron);
        boolean[] spike = new boolean[v.length];
        for (int[] s : rec.spikes()) if (s[1] == neuron && s[0] < spike.length) spike[s[0]] = true;
        int[][] perStep = input.toSpikeTrain().spikesPerStep();
        StringBuilder b = new StringBuilder("time,input,voltage,spike\n");
        double[] t = new double[v.length], volts = new double[v.length];
        List<Double> spikeT = new ArrayList<>(),
                spikeV = new ArrayList<>(),
                inT = new ArrayList<>(),
                inV = new ArrayList<>();
        double vth = layer == null ? Double.NaN : layer.getNeuron().getVthMant() * 64 / unit;
        for (int step = 0; step < v.length; step++) {
            int in = step < perStep.length ? perStep[step].length : 0;
            t[step] = step * dt;
            volts[step] = v[step] / unit;
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%.9g,%d,%.9g,%d%n",
                            t[step],
                            in,
                            volts[step],
                            spike[step] ? 1 : 0));
            if (spike[step]) {
                spikeT.add(t[step]);
                spikeV.add(vth);
            }
            if (in > 0) {
                inT.add(t[step]);
                inV.add(0.0);
            }
        }
        ArtifactFiles.writeAtomically(csv, b.toString().getBytes(StandardCharsets.UTF_8));
        Path png =
                csv.resolveSibling(
                        csv.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png");
        XYChart chart =
                new XYChartBuilder()
                        .width(900)
                        .height(420)
                        .title(net.getName() + ": " + probe.layer() + "[" + neuron + "]")
                        .xAxisTitle(dt == 1 ? "step" : "time (s)")
                        .yAxisTitle("v (trained-network units)")
                        .build();
        chart.getStyler().setMarkerSize(6);
        chart.addSeries("voltage", t, volts).setMarker(SeriesMarkers.NONE);
        if (!Double.isNaN(vth) && !layer.getNeuron().getReadout()) {
            chart.addSeries("threshold", new double[] {0, t[t.length - 1]}, new double[] {vth, vth})
                    .setMarker(SeriesMarkers.NONE);
        }
        if (!spikeT.isEmpty())
            chart.addSeries("spike", spikeT, spikeV)
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (!inT.isEmpty())
            chart.addSeries("input spike", inT, inV)
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        ArtifactFiles.writeAtomically(
                png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return List.of(csv, png);
    }
}
