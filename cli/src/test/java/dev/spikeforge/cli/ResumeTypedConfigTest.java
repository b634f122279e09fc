package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.DataOptions;
import dev.spikeforge.cli.command.TrainingOptions;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.trainer.Trainer;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.checkpoint.CheckpointFile;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import dev.spikeforge.trainer.extension.TrainingExtension;
import dev.spikeforge.trainer.settings.SettingsWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `train --resume` takes the configuration from the checkpoint's typed settings, not from its
 * stored command line; a checkpoint written before the typed settings existed (only the command
 * line) is still resumed by re-parsing it. Either way the run ends with the uninterrupted run's
 * weights.
 */
class ResumeTypedConfigTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();
    private static final List<String> FLAGS =
            List.of(
                    "--limit",
                    "200",
                    "--test-limit",
                    "50",
                    "--hidden",
                    "16",
                    "--steps",
                    "6",
                    "--batch",
                    "50",
                    "--epochs",
                    "3",
                    "--threads",
                    "1",
                    "--seed",
                    "7");

    @TempDir Path dir;

    @Test
    void typedAndOldCheckpointsResumeToTheUninterruptedWeights() {
        Path whole = dir.resolve("whole.sft");
        List<String> args =
                new ArrayList<>(List.of("train", "--data-dir", SLICE, "--out", whole.toString()));
        args.addAll(FLAGS);
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        TrainedNetwork expected = ArtifactFiles.read(whole, ArtifactKind.TRAINED_NETWORK);
        assertTrue(
                expected.getProvenance().hasConfig(),
                "the artifact carries its typed configuration");

        // Typed: the stored command line is not read at all (here it could not even be parsed).
        Path typed = stoppedAfterFirstEpoch("typed");
        rewrite(typed, c -> c.putLabels("cli.args", "--no-such-flag"));
        assertEquals(expected.getLayersList(), resumed(typed).getLayersList());

        // Old: no typed settings and no data labels, only the command line, re-parsed as before.
        Path old = stoppedAfterFirstEpoch("old");
        rewrite(old, c -> c.clearConfig().removeLabels("cli.dataset").removeLabels("cli.data-dir"));
        assertEquals(expected.getLayersList(), resumed(old).getLayersList());
    }

    /** The run goes on with the checkpoint's settings, whatever its command line says. */
    @Test
    void theTypedSettingsAreTheOnesThatTrain() {
        Path run = stoppedAfterFirstEpoch("other");
        rewrite(run, c -> c.getConfigBuilder().setBatch(25));
        TrainedNetwork net = resumed(run);
        assertEquals(25, net.getProvenance().getConfig().getBatch());
        assertEquals("25", net.getProvenance().getHyperparametersOrThrow("batch"));
    }

    /** What `train` writes, stopped after its first epoch's checkpoint as if killed there. */
    private Path stoppedAfterFirstEpoch(String name) {
        Path out = dir.resolve(name + ".sft"), run = dir.resolve(name + ".run");
        List<String> args = new ArrayList<>(List.of("--data-dir", SLICE, "--out", out.toString()));
        args.addAll(FLAGS);
        TrainingConfig cfg =
                CommandLine.populateCommand(new TrainingOptions(), FLAGS.toArray(String[]::new))
                        .apply(TrainingConfig.defaults());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("cli.args", String.join("\n", args));
        labels.put("cli.out", out.toString());
        labels.put("cli.dataset", "fashion-mnist");
        labels.put("cli.data-dir", SLICE);
        DataOptions data = new DataOptions();
        data.dataset = "fashion-mnist";
        data.dataDir = Path.of(SLICE);
        TrainingExtension stop =
                new TrainingExtension() {
                    @Override
                    public void epochComplete(EpochMetrics metrics) {
                        throw new IllegalStateException("killed");
                    }
                };
        Trainer trainer = new Trainer(cfg).withRunDirectory(run, labels).withExtension(stop);
        assertThrows(
                IllegalStateException.class,
                () ->
                        trainer.train(
                                data.load(FashionMnist.Split.TRAIN, cfg.limit()),
                                data.load(FashionMnist.Split.TEST, cfg.testLimit()),
                                null));
        TrainingCheckpoint c = Trainer.readCheckpoint(run);
        assertEquals(1, c.getEpochsDone());
        assertEquals(
                SettingsWriter.write(cfg).orElseThrow(),
                c.getConfig(),
                "the checkpoint holds the typed configuration");
        return run;
    }

    private static void rewrite(
            Path run, java.util.function.Consumer<TrainingCheckpoint.Builder> change) {
        TrainingCheckpoint.Builder b = Trainer.readCheckpoint(run).toBuilder();
        change.accept(b);
        CheckpointFile.write(new RunDirectory(run).checkpoint(), b.build());
    }

    private static TrainedNetwork resumed(Path run) {
        CliRunner r = CliRunner.run("train", "--resume", run.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertEquals(1, r.json().get("resumed_after_epoch").getAsInt());
        return ArtifactFiles.read(
                Path.of(r.json().get("output").getAsString()), ArtifactKind.TRAINED_NETWORK);
    }
}
