package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.netx.NetxCompile;
import dev.spikeforge.netx.NetxException;
import dev.spikeforge.netx.NetxExporter;
import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.netx.hdf5.NetxWriter;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "export-netx",
        description =
                "Write a compiled network as Lava's netx HDF5 description (lava-dl), which a Loihi"
                    + " 2 user loads with netx.hdf5.Network(net_config=FILE); the processes Lava"
                    + " builds carry the compiled numbers exactly, and what netx cannot carry is"
                    + " refused by layer and field. A trained model is compiled first (see"
                    + " docs/netx.md).")
public final class ExportNetxCommand extends CommandBase {
    @Parameters(
            index = "0",
            paramLabel = "CHIP_OR_MODEL",
            description = "Compiled network (.sfc) or trained model (.sft), or their JSON form.")
    Path input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.net",
            description = "netx file to write.")
    Path out;

    @Option(
            names = "--target",
            paramLabel = "PROFILE",
            defaultValue = "loihi2",
            description =
                    "Profile a trained model is compiled for (default loihi2); a compiled network"
                            + " keeps its own.")
    String target;

    @Option(
            names = "--chip-out",
            paramLabel = "FILE.sfc",
            description = "For a trained model: also write the compiled network that was exported.")
    Path chipOut;

    @Override
    protected int run(JsonLine result) throws Exception {
        Object loaded = ArtifactIo.load(input, null);
        List<String> notes = new ArrayList<>();
        CompiledNetwork chip;
        boolean compiled = loaded instanceof TrainedNetwork;
        if (loaded instanceof TrainedNetwork t) {
            NetxCompile.Result r = NetxCompile.compile(t, ChipProfiles.load(target));
            chip = r.network();
            notes.addAll(r.notes());
            if (chipOut != null) ArtifactFiles.write(chipOut, chip);
        } else if (loaded instanceof CompiledNetwork c) {
            if (chipOut != null)
                throw new IllegalArgumentException(
                        "--chip-out is for a trained model; " + input + " is already compiled");
            chip = c;
        } else {
            throw new IllegalArgumentException(
                    input + ": not a compiled network or a trained model");
        }
        NetxExporter.Result r;
        try {
            r = NetxExporter.export(chip);
        } catch (NetxException e) {
            if (compiled) throw e;
            throw new NetxException(
                    e.getMessage()
                            + "\n"
                            + "(export-netx on the trained model compiles it in the form netx"
                            + " carries: weight exponents "
                            + NetxCompile.WEIGHT_EXP_MIN
                            + ".."
                            + NetxCompile.WEIGHT_EXP_MAX
                            + ", biases in whole weight units; see docs/netx.md)",
                    e);
        }
        notes.addAll(r.notes());
        NetxWriter.write(out, r.network());
        say(
                "%s -> %s (netx): %d layers, profile %s%s",
                input,
                out,
                r.network().layers().size(),
                chip.getProfile().getName(),
                compiled ? ", compiled from the trained model" : "");
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < r.network().layers().size(); i++) {
            NetxLayer l = r.network().layers().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i);
            m.put("type", l.type());
            m.put("shape", l.shape());
            if (l instanceof NetxLayer.Dense d) {
                m.put("name", chip.getLayers(i - 1).getName());
                m.put("in_features", d.inFeatures());
                m.put("i_decay", d.neuron().iDecay());
                m.put("v_decay", d.neuron().vDecay());
                m.put("v_th_mant", d.neuron().vThMant());
                m.put("weight_min", Arrays.stream(d.weight().values()).min().orElse(0));
                m.put("weight_max", Arrays.stream(d.weight().values()).max().orElse(0));
                m.put("bias", d.bias() != null);
                m.put("delay", d.delay() != null ? d.delay().get(0) : 0);
                say(
                        "  %d %-9s %-12s %6d <- %-6d iDecay %4d vDecay %4d vThMant %6d weights"
                                + " %d..%d%s%s",
                        i,
                        l.type(),
                        m.get("name"),
                        d.outFeatures(),
                        d.inFeatures(),
                        d.neuron().iDecay(),
                        d.neuron().vDecay(),
                        d.neuron().vThMant(),
                        m.get("weight_min"),
                        m.get("weight_max"),
                        d.bias() != null ? ", bias" : "",
                        d.delay() != null ? ", delay " + d.delay().get(0) : "");
            } else {
                say("  %d %-9s shape %s", i, l.type(), Arrays.toString(l.shape()));
            }
            layers.add(m);
        }
        for (String note : notes) say("note: %s", note);
        result.put("input", input.toString())
                .put("output", out.toString())
                .put("compiled_from_model", compiled)
                .put("profile", chip.getProfile().getName())
                .put("layers", layers)
                .put("notes", notes);
        if (chipOut != null) result.put("chip_out", chipOut.toString());
        return 0;
    }
}
