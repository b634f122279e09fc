package dev.spikeforge.cli.command;

import dev.spikeforge.artifact.ArtifactFiles;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.TrainingProgress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.Trainer;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

@Command(name = "train", description = "Train a LIF network by BPTT with surrogate gradients and write the trained-network artifact.")
public final class TrainCommand extends CommandBase {
    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the trained network.")
    Path out;

    @Override
    protected int run(JsonLine result) throws Exception {
        TrainingConfig cfg = training.apply(TrainingConfig.defaults());
        TrainingResult r = train(cfg, data, this::say);
        ArtifactFiles.write(out, r.network());
        say("written to %s", out);
        put(result, r);
        result.put("output", out.toString());
        return 0;
    }

    static TrainingResult train(TrainingConfig cfg, DataOptions data, java.util.function.Consumer<String> say) {
        LabeledImages train = data.load(FashionMnist.Split.TRAIN, cfg.limit());
        LabeledImages test = data.load(FashionMnist.Split.TEST, cfg.testLimit());
        say.accept(String.format("training %d-%s-%d LIF network on %d %s samples: %d steps, batch %d, %d epochs, lr %g, seed %d",
                train.features(), Arrays.toString(cfg.hidden()).replaceAll("[\\[\\] ]", "").replace(',', '-'), train.classes(),
                train.size(), data.dataset, cfg.steps(), cfg.batch(), cfg.epochs(), cfg.learningRate(), cfg.seed()));
        TrainingResult r;
        try (TrainingProgress progress = new TrainingProgress(say)) {
            r = new Trainer(cfg).train(train, test, progress);
        }
        say.accept(String.format("float test accuracy %s (%d samples), train accuracy %s, %.0f synaptic ops per sample",
                Units.percent(r.testAccuracy()), test.size(), Units.percent(r.trainAccuracy()), r.synapticOpsPerSample()));
        return r;
    }

    static void put(JsonLine result, TrainingResult r) {
        result.put("epoch_seconds", r.epochSeconds()).put("test_accuracy", r.testAccuracy())
                .put("train_accuracy", r.trainAccuracy()).put("firing_rate", r.firingRates())
                .put("synaptic_ops_per_sample", r.synapticOpsPerSample());
    }
}
