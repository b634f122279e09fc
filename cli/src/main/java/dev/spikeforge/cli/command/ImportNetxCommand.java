package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.netx.NetxImporter;
import dev.spikeforge.netx.hdf5.NetxReader;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
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
        name = "import-netx",
        description =
                "Read a netx HDF5 file (Lava's network description from lava-dl, or export-netx) as"
                        + " a compiled network that runs on the bit-exact simulator what Lava's"
                        + " netx.hdf5.Network builds from the file.")
public final class ImportNetxCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "FILE.net", description = "netx file.")
    Path file;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "MODEL",
            description = "Compiled-network artifact to write (.sfc).")
    Path out;

    @Option(
            names = "--target",
            paramLabel = "PROFILE",
            description =
                    "Profile to map onto (default: the one the file was exported from, else"
                            + " loihi2).")
    String target;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description =
                    "Steps per sample (default: the file's, from simulation/tSample, else 100).")
    Integer steps;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "Network name (default: the recorded one, else the file name without"
                            + " extension).")
    String name;

    @Option(
            names = "--skip-input-neurons",
            description =
                    "An input layer with neurons (fed graded values by the host in Lava) is left"
                            + " out and its neurons' spikes become the input axons.")
    boolean skipInputNeurons;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Seed of the core placement (default 1).")
    long seed;

    @Override
    protected int run(JsonLine result) throws Exception {
        NetxReader.Result read = NetxReader.read(file);
        String n =
                name != null ? name : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        NetxImporter.Result r =
                NetxImporter.convert(
                        read.network(),
                        file.toString(),
                        new NetxImporter.Options(
                                n,
                                target == null ? null : ChipProfiles.load(target),
                                ChipProfiles.load("loihi2"),
                                steps == null ? 0 : steps,
                                skipInputNeurons,
                                seed));
        CompiledNetwork net =
                name != null ? r.network().toBuilder().setName(name).build() : r.network();
        ArtifactFiles.write(out, net);
        List<String> notes = new ArrayList<>(read.notes());
        notes.addAll(r.notes());
        say(
                "%s (netx) -> %s: %d layers, %d inputs, %d cores of %s%s",
                file,
                out,
                net.getLayersCount(),
                net.getInputSize(),
                net.getCoresCount(),
                net.getProfile().getName(),
                r.fromRecord() ? ", as exported by Spikeforge (record used)" : "");
        List<Map<String, Object>> layers = new ArrayList<>();
        for (CompiledLayer l : net.getLayersList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.getName());
            m.put("size", l.getSize());
            m.put("fan_in", l.getFanIn());
            m.put("model", l.getNeuron().getModel().name());
            m.put("du", l.getNeuron().getDu());
            m.put("dv", l.getNeuron().getDv());
            m.put("vth_mant", l.getNeuron().getVthMant());
            m.put("readout", l.getNeuron().getReadout());
            m.put("weight_exp", l.getWeightExp());
            m.put("weight_bits", l.getWeightBits());
            m.put("bias", l.getBiasMantCount() > 0);
            m.put("axon_delay", l.getAxonDelay());
            m.put("sparse", l.hasSparseWeights());
            layers.add(m);
            say(
                    "  %-12s %6d <- %-6d du %4d dv %4d vth_mant %6d%s weight_exp %d (%d bits)%s%s",
                    l.getName(),
                    l.getSize(),
                    l.getFanIn(),
                    l.getNeuron().getDu(),
                    l.getNeuron().getDv(),
                    l.getNeuron().getVthMant(),
                    l.getNeuron().getReadout() ? " readout" : "",
                    l.getWeightExp(),
                    l.getWeightBits(),
                    l.getBiasMantCount() > 0 ? ", bias" : "",
                    l.getAxonDelay() > 0 ? ", axon delay " + l.getAxonDelay() : "");
        }
        for (String note : notes) say("note: %s", note);
        result.put("input", file.toString())
                .put("output", out.toString())
                .put("profile", net.getProfile().getName())
                .put("from_record", r.fromRecord())
                .put("input_size", net.getInputSize())
                .put("cores", net.getCoresCount())
                .put("layers", layers)
                .put("notes", notes);
        return 0;
    }
}
