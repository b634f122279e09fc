package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.mapping.Partition;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "check",
        description =
                "Check that a trained network fits a chip profile, without quantizing or placing"
                    + " it; lists every violated limit at once (exit code 2), with what would make"
                    + " it fit.")
public final class CheckCommand extends CommandBase {
    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "Trained network (artifact or its JSON form).")
    Path model;

    @Option(
            names = "--target",
            paramLabel = "PROFILE",
            defaultValue = ChipProfiles.DEFAULT,
            description =
                    "Shipped profile (loihi1, loihi2, truenorth, spinnaker1, xylo, speck, generic)"
                            + " or a profile JSON file (default: ${DEFAULT-VALUE}).")
    String target;

    @Mixin QuantizationOptions quantization;

    @Mixin MappingOptions mapping;

    @Override
    protected int run(JsonLine result) throws Exception {
        TrainedNetwork net = (TrainedNetwork) ArtifactIo.load(model, ArtifactKind.TRAINED_NETWORK);
        ChipProfile profile = ChipProfiles.load(target);
        CompileOptions opts = mapping.apply(quantization.apply(CompileOptions.defaults()));
        long start = System.nanoTime();
        List<ConstraintViolation> violations = Compiler.check(net, profile, opts);
        Partition partition = Compiler.partition(net, profile, opts);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Integer> perLayer = new ArrayList<>();
        for (var ranges : partition.layers()) perLayer.add(ranges.size());
        long chips =
                (partition.coresNeeded() + profile.getCoresPerChip() - 1)
                        / profile.getCoresPerChip();
        result.put("target", profile.getName())
                .put("cores_needed", partition.coresNeeded())
                .put("chips_needed", chips)
                .put("cores_per_layer", perLayer)
                .put("seconds", seconds)
                .put("weight_bits", opts.effectiveWeightBits(profile.getWeightBits()))
                .put("scale_mode", opts.scaleMode().name());
        Violations.put(result, violations);
        if (!violations.isEmpty()) {
            Violations.print(this::say, net.getName(), profile.getName(), violations);
            return Violations.DOES_NOT_FIT;
        }
        say(
                "network '%s' fits %s: %d cores on %d of %d chip(s); cores per layer %s (%d-bit"
                        + " weights, %s scales)",
                net.getName(),
                profile.getName(),
                partition.coresNeeded(),
                chips,
                profile.getChips(),
                perLayer,
                opts.effectiveWeightBits(profile.getWeightBits()),
                opts.scaleMode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return 0;
    }
}
