package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.nir.convert.CompiledAsFloat;
import dev.spikeforge.nir.convert.NirExporter;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "export-nir",
        description =
                "Write a trained (or imported) network as a NIR file; a network imported from NIR"
                    + " and unchanged gives back the imported graph exactly. A compiled network is"
                    + " written in its fixed-point form (integer weights, thresholds and 12-bit"
                    + " decays as NIR parameters; see docs/nir.md).")
public final class ExportNirCommand extends CommandBase {
    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "Trained-network or compiled-network artifact (or its JSON form).")
    Path model;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.nir",
            description = "NIR file to write.")
    Path out;

    @Option(
            names = "--dt",
            paramLabel = "DT",
            description =
                    "Step in seconds that turns decays into time constants (tau = dt / decay); "
                            + "default: the dt recorded at import, else "
                            + NirExporter.DEFAULT_DT
                            + ".")
    Double dt;

    @Option(
            names = "--delay-nodes",
            description =
                    "Put a one-step Delay node on every layer's input, making Spikeforge's synaptic"
                            + " delay explicit.")
    boolean delayNodes;

    @Override
    protected int run(JsonLine result) throws Exception {
        if (dt != null && (!(dt > 0) || dt.isInfinite()))
            throw new IllegalArgumentException(
                    "--dt must be a positive number of seconds, got " + dt);
        Object loaded = ArtifactIo.load(model, null);
        List<String> notes = new ArrayList<>();
        TrainedNetwork net;
        NirExporter.Result r;
        try {
            if (loaded instanceof CompiledNetwork chip) {
                CompiledAsFloat.Result f = CompiledAsFloat.of(chip);
                net = f.network();
                notes.addAll(f.notes());
            } else if (loaded instanceof TrainedNetwork t) {
                net = t;
            } else {
                throw new IllegalArgumentException(model + ": not a trained or compiled network");
            }
            r = NirExporter.convert(net, new NirExporter.Options(dt, delayNodes));
        } catch (NirFormatException e) {
            // the refusal names the layer, field and remedy; the file it came from goes first
            throw new NirFormatException(model + ": " + e.getMessage(), e);
        }
        notes.addAll(r.notes());
        NirWriter.write(out, r.document());
        NirGraph g = r.document().graph();
        List<Map<String, Object>> nodes = new ArrayList<>();
        collect(g, "", nodes);
        say(
                "%s -> %s (NIR %s): %d nodes, %d edges, dt = %s%s",
                model,
                out,
                r.document().version(),
                nodes.size(),
                g.edges().size(),
                r.dt(),
                r.fromRecord() ? ", the imported graph unchanged" : "");
        for (Map<String, Object> n : nodes) say("  %-20s %s", n.get("name"), n.get("type"));
        for (String note : notes) say("note: %s", note);
        result.put("input", model.toString())
                .put("output", out.toString())
                .put("nir_version", r.document().version())
                .put("dt", r.dt())
                .put("from_import_record", r.fromRecord())
                .put("nodes", nodes)
                .put("edges", g.edges().size())
                .put("notes", notes)
                .put("compiled", loaded instanceof CompiledNetwork);
        return 0;
    }

    private static void collect(NirGraph g, String prefix, List<Map<String, Object>> out) {
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", prefix + e.getKey());
            m.put("type", e.getValue().type());
            out.add(m);
            if (e.getValue() instanceof NirGraph sub) collect(sub, prefix + e.getKey() + ".", out);
        }
    }
}
