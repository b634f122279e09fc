package dev.spikeforge.cli.command;

import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.io.SpikeFiles;
import dev.spikeforge.runtime.sim.plot.EnergyPlot;
import dev.spikeforge.runtime.sim.plot.RasterPlot;
import dev.spikeforge.runtime.sim.plot.TracePlot;
import dev.spikeforge.runtime.sim.probe.Recording;
import dev.spikeforge.runtime.sim.probe.RecordingFiles;
import dev.spikeforge.runtime.sim.probe.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The files `simulate --out DIR` writes: output spikes, recorded probes (CSV, JSON) and PNG plots.
 */
final class SimulationOutputs {
    private SimulationOutputs() {}

    static List<Path> write(Path dir, ChipRun run, EnergyBreakdown energy) {
        List<Path> files = new ArrayList<>();
        Path spikes = dir.resolve("output_spikes.csv");
        SpikeFiles.write(spikes, Arrays.asList(run.outputSpikePairs()));
        files.add(spikes);
        Recording r = run.recording();
        if (!r.isEmpty()) {
            files.addAll(RecordingFiles.writeAll(r, dir));
            if (r.probes().stream().anyMatch(p -> p.probe().records(Signal.SPIKES)))
                files.add(RasterPlot.write(r, dir.resolve("raster.png")));
            for (Signal s : new Signal[] {Signal.VOLTAGE, Signal.CURRENT}) {
                if (r.probes().stream().anyMatch(p -> p.hasTrace(s)))
                    files.add(TracePlot.write(r, s, dir.resolve(s.label() + ".png")));
            }
        }
        files.add(EnergyPlot.write(energy, dir.resolve("energy.png")));
        return files;
    }
}
