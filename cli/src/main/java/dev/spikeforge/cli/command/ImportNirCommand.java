package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.nir.convert.Fidelity;
import dev.spikeforge.nir.convert.NirImporter;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import-nir",
        description =
                "Convert a NIR file (HDF5 graph from snnTorch, Norse, Sinabs, Rockpool, lava-dl,"
                    + " ...) into a trained-network artifact that compile accepts; continuous-time"
                    + " neurons are discretized with step --dt (forward Euler).")
public final class ImportNirCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "FILE.nir", description = "NIR file.")
    Path file;

    @Option(
            names = "--dt",
            required = true,
            paramLabel = "DT",
            description = "Simulation step in the graph's time unit (seconds), e.g. 1e-4.")
    double dt;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "MODEL",
            description = "Trained-network artifact to write.")
    Path out;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "100",
            description = "Steps per sample recorded in the artifact's input spec (default 100).")
    int steps;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Network name (default: the file name without extension).")
    String name;

    @Option(
            names = "--report",
            description =
                    "Print the fidelity table: per NIR node, whether Spikeforge's form is exact,"
                        + " approximate (with its bound) or refused (with the reason); also printed"
                        + " when the import is refused. The JSON always has it (fidelity).")
    boolean report;

    @Override
    protected int run(JsonLine result) throws Exception {
        if (!(dt > 0) || Double.isInfinite(dt))
            throw new IllegalArgumentException(
                    "--dt must be a positive number of seconds, got " + dt);
        NirDocument doc = NirReader.read(file);
        String n =
                name != null ? name : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        NirImporter.Result r;
        try {
            r = NirImporter.convert(doc, new NirImporter.Options(dt, n, steps));
        } catch (NirImporter.Refused e) {
            // what could be converted is still worth seeing: the table, then the refusal (which
            // names the node and the file)
            printTable(e.fidelity());
            throw new NirFormatException(file + ": " + e.getMessage(), e);
        } catch (NirFormatException e) {
            // the importer names the node; the user also needs to know which file
            throw new NirFormatException(file + ": " + e.getMessage(), e);
        }
        TrainedNetwork net = r.network();
        ArtifactFiles.write(out, net);
        say(
                "%s (NIR %s) -> %s: %d layers, dt = %s, score %s",
                file, doc.version(), out, net.getLayersCount(), dt, net.getScore());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < net.getLayersCount(); i++) {
            TrainedLayer l = net.getLayers(i);
            ConvGeometry g = l.getConv();
            int fanIn =
                    l.getKind() == LayerKind.CONV_LIF
                            ? g.getInChannels() * g.getInHeight() * g.getInWidth()
                            : l.getWeights().getShapeCount() == 2 ? l.getWeights().getShape(1) : 0;
            say(
                    "  %-16s %-13s %5d <- %-5d du %-10s dv %-10s threshold %-10s from %s",
                    l.getName(),
                    l.getKind(),
                    l.getSize(),
                    fanIn,
                    l.getNeuron().getDu(),
                    l.getNeuron().getDv(),
                    l.getNeuron().getThreshold(),
                    r.layerNodes().get(i));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.getName());
            m.put("kind", l.getKind().name());
            m.put("size", l.getSize());
            m.put("fan_in", fanIn);
            m.put("du", l.getNeuron().getDu());
            m.put("dv", l.getNeuron().getDv());
            m.put("threshold", l.getNeuron().getThreshold());
            m.put("nir_nodes", r.layerNodes().get(i));
            layers.add(m);
        }
        for (String note : r.notes()) say("note: %s", note);
        if (report) printTable(r.fidelity());
        List<Map<String, Object>> fidelity = new ArrayList<>();
        for (Fidelity f : r.fidelity()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", f.node());
            m.put("type", f.type());
            m.put("status", f.status().name());
            m.put("detail", f.detail());
            fidelity.add(m);
        }
        result.put("input", file.toString())
                .put("output", out.toString())
                .put("nir_version", doc.version())
                .put("dt", dt)
                .put("layers", layers)
                .put("score", net.getScore().name())
                .put("shift_steps", r.shiftSteps())
                .put("reset", r.reset())
                .put("notes", r.notes())
                .put("fidelity", fidelity);
        return 0;
    }

    /** The conformance table, one line per node. */
    private void printTable(List<Fidelity> rows) {
        say("fidelity (Spikeforge's form of each NIR node):");
        for (Fidelity f : rows)
            say("  %-16s %-10s %-13s %s", f.node(), f.type(), f.status(), f.detail());
    }
}
