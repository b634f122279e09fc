package dev.spikeforge.runtime.sim.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a recording as CSV (one file for spikes, one per traced signal) or as one JSON document.
 */
public final class RecordingFiles {
    private RecordingFiles() {}

    /** {@code step,layer,neuron}, one line per spike, in time order per probe. */
    public static String spikesCsv(Recording r) {
        StringBuilder sb = new StringBuilder("step,layer,neuron\n");
        for (ProbeRecording p : r.probes()) {
            for (int k = 0; k < p.spikeCount(); k++) {
                sb.append(p.spikeStep(k))
                        .append(',')
                        .append(p.layer())
                        .append(',')
                        .append(p.spikeNeuron(k))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Wide table: one row per step, one column {@code layer[neuron]} per recorded neuron of every
     * probe with this trace.
     */
    public static String traceCsv(Recording r, Signal s) {
        List<ProbeRecording> ps = new ArrayList<>();
        for (ProbeRecording p : r.probes()) if (p.hasTrace(s)) ps.add(p);
        StringBuilder sb = new StringBuilder("step");
        int steps = 0;
        for (ProbeRecording p : ps) {
            for (int n : p.neurons())
                sb.append(',').append(p.layer()).append('[').append(n).append(']');
            steps = Math.max(steps, p.steps());
        }
        sb.append('\n');
        List<int[][]> cols = new ArrayList<>();
        for (ProbeRecording p : ps) {
            int[][] c = new int[p.neurons().length][];
            for (int i = 0; i < c.length; i++) c[i] = p.trace(s, i);
            cols.add(c);
        }
        for (int t = 0; t < steps; t++) {
            sb.append(t);
            for (int[][] c : cols)
                for (int[] col : c) sb.append(',').append(t < col.length ? col[t] : 0);
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code {"probes": [{"layer": ..., "neurons": [...], "spikes": [[step, neuron], ...],
     * "voltage": [[v of each recorded neuron at step 0], ...]}]}} — traces are step-major, values
     * in integer chip units.
     */
    public static String json(Recording r) {
        StringBuilder sb = new StringBuilder("{\"probes\": [");
        for (int i = 0; i < r.probes().size(); i++) {
            ProbeRecording p = r.probes().get(i);
            if (i > 0) sb.append(", ");
            sb.append("{\"layer\": \"")
                    .append(escape(p.layer()))
                    .append("\", \"steps\": ")
                    .append(p.steps())
                    .append(", \"neurons\": [");
            int[] ns = p.neurons();
            for (int k = 0; k < ns.length; k++) sb.append(k > 0 ? "," : "").append(ns[k]);
            sb.append(']');
            if (p.probe().records(Signal.SPIKES)) {
                sb.append(", \"spikes\": [");
                for (int k = 0; k < p.spikeCount(); k++) {
                    sb.append(k > 0 ? "," : "")
                            .append('[')
                            .append(p.spikeStep(k))
                            .append(',')
                            .append(p.spikeNeuron(k))
                            .append(']');
                }
                sb.append(']');
            }
            for (Signal s : Signal.values()) {
                if (!p.hasTrace(s)) continue;
                sb.append(", \"").append(s.label()).append("\": [");
                int[][] c = new int[ns.length][];
                for (int k = 0; k < ns.length; k++) c[k] = p.trace(s, k);
                for (int t = 0; t < p.steps(); t++) {
                    sb.append(t > 0 ? "," : "").append('[');
                    for (int k = 0; k < ns.length; k++) sb.append(k > 0 ? "," : "").append(c[k][t]);
                    sb.append(']');
                }
                sb.append(']');
            }
            sb.append('}');
        }
        return sb.append("]}\n").toString();
    }

    /**
     * Writes spikes.csv, one {signal}.csv per traced signal and recording.json into {@code dir};
     * returns the files.
     */
    public static List<Path> writeAll(Recording r, Path dir) {
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            boolean anySpikes = r.probes().stream().anyMatch(p -> p.probe().records(Signal.SPIKES));
            if (anySpikes) out.add(write(dir.resolve("spikes.csv"), spikesCsv(r)));
            for (Signal s : new Signal[] {Signal.VOLTAGE, Signal.CURRENT}) {
                if (r.probes().stream().anyMatch(p -> p.hasTrace(s)))
                    out.add(write(dir.resolve(s.label() + ".csv"), traceCsv(r, s)));
            }
            if (!r.probes().isEmpty()) out.add(write(dir.resolve("recording.json"), json(r)));
            if (r.activity() != null) {
                out.add(write(dir.resolve("activity.csv"), r.activity().perStepCsv()));
                out.add(write(dir.resolve("activity_per_core.csv"), r.activity().perCoreCsv()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    dir + ": cannot write the recording: " + e.getMessage(), e);
        }
        return out;
    }

    private static Path write(Path p, String text) throws IOException {
        Files.writeString(p, text);
        return p;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
