package dev.spikeforge.cli.command;

import dev.spikeforge.artifact.ArtifactFiles;
import dev.spikeforge.artifact.ArtifactKind;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.TrainedNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "compile", description = "Quantize a trained network to fixed point and map it onto the cores of a chip profile.")
public final class CompileCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Trained network (artifact or its JSON form).")
    Path model;

    @Option(names = "--target", paramLabel = "PROFILE", defaultValue = ChipProfiles.DEFAULT,
            description = "Shipped profile name or a profile JSON file (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--weight-bits", paramLabel = "B", defaultValue = "0", description = "Weight bits (default: the profile's).")
    int weightBits;

    @Option(names = "--out", required = true, paramLabel = "CHIP", description = "Where to write the compiled network.")
    Path out;

    @Override
    protected int run(JsonLine result) throws Exception {
        TrainedNetwork net = (TrainedNetwork) ArtifactIo.load(model, ArtifactKind.TRAINED_NETWORK);
        ChipProfile profile = ChipProfiles.load(target);
        CompiledNetwork chip = Compiler.compile(net, profile, CompileOptions.defaults().withWeightBits(weightBits));
        ArtifactFiles.write(out, chip);
        report(this::say, chip);
        say("written to %s", out);
        result.put("output", out.toString()).put("target", profile.getName());
        putReport(result, chip);
        return 0;
    }

    static void report(java.util.function.Consumer<String> say, CompiledNetwork chip) {
        var r = chip.getReport();
        say.accept(String.format("compiled '%s' for %s: %d cores on %d chip(s), neuron slots used %s, synapse memory used %s",
                chip.getName(), chip.getProfile().getName(), r.getCoresUsed(), r.getChipsUsed(),
                Units.percent(r.getNeuronUtilization()), Units.percent(r.getSynapseUtilization())));
        for (LayerQuantization q : r.getLayersList()) {
            say.accept(String.format("  %-10s scale %10.3f  clipped %d  weight error mean %.2e max %.2e  threshold error %s  saturated biases %d",
                    q.getLayer(), q.getScale(), q.getClippedWeights(), q.getMeanAbsError(), q.getMaxAbsError(),
                    Units.percent(q.getThresholdRelError()), q.getSaturatedBiases()));
        }
    }

    static void putReport(JsonLine result, CompiledNetwork chip) {
        var r = chip.getReport();
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerQuantization q : r.getLayersList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", q.getLayer());
            m.put("scale", q.getScale());
            m.put("clipped_weights", q.getClippedWeights());
            m.put("mean_abs_error", q.getMeanAbsError());
            m.put("max_abs_error", q.getMaxAbsError());
            m.put("threshold_rel_error", q.getThresholdRelError());
            m.put("saturated_biases", q.getSaturatedBiases());
            layers.add(m);
        }
        result.put("cores", r.getCoresUsed()).put("chips", r.getChipsUsed())
                .put("neuron_utilization", r.getNeuronUtilization()).put("synapse_utilization", r.getSynapseUtilization())
                .put("layers", layers);
    }
}
