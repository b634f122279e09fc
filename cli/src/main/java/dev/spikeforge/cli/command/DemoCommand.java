package dev.spikeforge.cli.command;

import dev.spikeforge.cli.deploy.DeviceEvaluation;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.Progress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.trainer.FloatEvaluation;
import dev.spikeforge.trainer.FloatEvaluator;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.TrainingResult;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        description =
                "The whole pipeline: train on Fashion-MNIST, compile for a chip, run on the"
                        + " emulated chip over the bridge, report accuracy and energy.")
public final class DemoCommand extends CommandBase {
    @Mixin DataOptions data;

    @Mixin TrainingOptions training;

    @Option(
            names = "--target",
            paramLabel = "PROFILE",
            defaultValue = ChipProfiles.DEFAULT,
            description = "Chip profile (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "runs/demo",
            description = "Where the artifacts go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    protected int run(JsonLine result) throws Exception {
        TrainingConfig cfg = training.apply(TrainingConfig.demo());
        say("== 1/4 train ==");
        TrainingResult trained = TrainCommand.train(cfg, data, this::say);
        Path model = outDir.resolve("model.sft");
        ArtifactFiles.write(model, trained.network());

        say("== 2/4 compile for %s ==", target);
        CompiledNetwork chip =
                Compiler.compile(
                        trained.network(), ChipProfiles.load(target), CompileOptions.defaults());
        Path chipFile = outDir.resolve("model.sfc");
        ArtifactFiles.write(chipFile, chip);
        CompileCommand.report(this::say, chip);

        LabeledImages test = data.load(FashionMnist.Split.TEST, cfg.testLimit());
        say("== 3/4 float reference on %d test samples ==", test.size());
        FloatEvaluation floatEval;
        try (var bar = Progress.bar("float", test.size())) {
            floatEval =
                    FloatEvaluator.evaluate(
                            trained.network(), test, (done, total) -> bar.stepTo(done));
        }

        say("== 4/4 deploy on the emulated chip over the bridge ==");
        DeviceEvaluation chipEval;
        try (EmulatedChipServer server = new EmulatedChipServer()) {
            InetSocketAddress addr = server.start("127.0.0.1", 0);
            say(
                    "emulated %s chip listening on %s:%d",
                    chip.getProfile().getName(), addr.getHostString(), addr.getPort());
            try (DeviceClient client = DeviceClient.connect(addr.getHostString(), addr.getPort());
                    var bar = Progress.bar("chip", test.size())) {
                chipEval = DeviceEvaluation.run(client, chip, test, bar::stepTo);
            }
        }
        int agree = 0;
        for (int i = 0; i < test.size(); i++)
            if (floatEval.predictions()[i] == chipEval.predictions()[i]) agree++;
        double agreement = agree / (double) Math.max(1, test.size());

        say("");
        say("float accuracy   %s", Units.percent(floatEval.accuracy()));
        say(
                "on-chip accuracy %s  (same prediction as float on %s of samples)",
                Units.percent(chipEval.accuracy()), Units.percent(agreement));
        DeployCommand.print(this::say, "emulated chip", chip, chipEval);
        say("artifacts: %s, %s", model, chipFile);

        TrainCommand.put(result, trained);
        result.put("float_accuracy", floatEval.accuracy())
                .put("chip_accuracy", chipEval.accuracy())
                .put("agreement", agreement)
                .put("test_samples", test.size())
                .put("cores", chip.getReport().getCoresUsed())
                .put("target", chip.getProfile().getName());
        DeployCommand.put(result, chipEval);
        result.fields().remove("accuracy");
        result.put("model", model.toString()).put("chip", chipFile.toString());
        return 0;
    }
}
