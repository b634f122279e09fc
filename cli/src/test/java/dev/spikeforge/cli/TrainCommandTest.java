package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.trainer.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `train` as a user runs it: the JSON fields the issue names, the run directory, a real kill and
 * --resume, bad input.
 */
class TrainCommandTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    @TempDir Path dir;

    private static List<String> args(Path model, int epochs) {
        return new ArrayList<>(
                List.of(
                        "train",
                        "--data-dir",
                        SLICE,
                        "--limit",
                        "400",
                        "--test-limit",
                        "100",
                        "--hidden",
                        "24",
                        "--steps",
                        "6",
                        "--batch",
                        "50",
                        "--epochs",
                        String.valueOf(epochs),
                        "--threads",
                        "1",
                        "--seed",
                        "7",
                        "--out",
                        model.toString(),
                        "--json"));
    }

    @Test
    void printsTheNamedFieldsAndWritesTheRunDirectory() throws Exception {
        Path model = dir.resolve("net.sft");
        CliRunner r = CliRunner.run(args(model, 2).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals(2, j.getAsJsonArray("epoch_seconds").size());
        assertEquals(1, j.getAsJsonArray("firing_rate").size(), "one hidden spiking layer");
        double acc = j.get("test_accuracy").getAsDouble();
        assertTrue(acc > 0.3, "well above chance (0.1) after 2 epochs on 400 images: " + acc);
        assertTrue(j.get("train_accuracy").getAsDouble() > 0.3);
        double rate = j.getAsJsonArray("firing_rate").get(0).getAsDouble();
        assertTrue(rate > 0 && rate < 1, "rate " + rate);
        // rate coding: input spikes drive 24 neurons, hidden spikes drive 10 readout weights; at
        // least the latter
        assertTrue(j.get("synaptic_ops_per_sample").getAsDouble() >= rate * 24 * 5 * 10 * 0.5);

        TrainedNetwork net =
                ArtifactFiles.<TrainedNetwork>read(model, ArtifactKind.TRAINED_NETWORK);
        assertEquals(
                acc,
                net.getProvenance().getMetricsOrThrow("test_accuracy"),
                1e-9,
                "provenance carries the metric printed");
        Path run = dir.resolve("net.run");
        assertEquals(
                run.toString(),
                j.get("run_dir").getAsString(),
                "default run directory: MODEL with .run");
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(3, csv.size(), "header + one row per epoch: " + csv);
        assertTrue(csv.get(0).startsWith("epoch,"), csv.get(0));
        assertNotNull(ImageIO.read(run.resolve("curves.png").toFile()));
        assertEquals(2, Trainer.readCheckpoint(run).getEpochsDone());
        assertFalse(
                r.out().contains("note: with"),
                "2 layers at 6 steps leave 4 scored steps: no note\n" + r.out());
    }

    /**
     * Three hidden layers and a readout at 6 steps: each hidden layer's spikes count on 2 steps,
     * and train says so.
     */
    @Test
    void saysWhenTheStepsLeaveHiddenLayersAShortWindow() throws Exception {
        List<String> a = args(dir.resolve("deep.sft"), 1);
        a.set(a.indexOf("24"), "24,24,24");
        a.set(a.indexOf("400"), "100");
        CliRunner r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(
                r.out()
                        .contains(
                                "note: with 4 layers and 6 steps, a hidden layer's spikes reach the"
                                        + " score on only 2 steps"),
                r.out());
    }

    /**
     * Kills a real `train` process after its first checkpoint, resumes it, and gets the
     * uninterrupted run's weights.
     */
    @Test
    void resumeAfterKillEndsWithTheUninterruptedWeights() throws Exception {
        int epochs = 6;
        Path whole = dir.resolve("whole.sft");
        assertEquals(0, CliRunner.run(args(whole, epochs).toArray(String[]::new)).exitCode());

        Path killed = dir.resolve("killed.sft");
        Path run = dir.resolve("killed.run");
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                SpikeforgeCli.class.getName()));
        cmd.addAll(args(killed, epochs));
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("killed.log").toFile())
                        .start();
        int done = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(run.resolve("checkpoint.sfck"))
                    && (done = Trainer.readCheckpoint(run).getEpochsDone()) >= 1) break;
            Thread.sleep(10);
        }
        p.destroyForcibly().waitFor();
        done = Trainer.readCheckpoint(run).getEpochsDone();
        assertTrue(
                done >= 1 && done < epochs,
                "killed between epochs 1 and " + epochs + ", checkpoint has " + done + " done");

        CliRunner r =
                CliRunner.run("train", "--resume", run.toString(), "--threads", "1", "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(
                r.out().contains("after epoch " + done + " of " + epochs)
                        && r.out().contains(", 1 thread\n"),
                r.out());
        assertEquals(done, r.json().get("resumed_after_epoch").getAsInt());
        assertEquals(
                killed.toString(),
                r.json().get("output").getAsString(),
                "writes the model the run was started with");
        TrainedNetwork a = ArtifactFiles.<TrainedNetwork>read(whole, ArtifactKind.TRAINED_NETWORK);
        TrainedNetwork b = ArtifactFiles.<TrainedNetwork>read(killed, ArtifactKind.TRAINED_NETWORK);
        assertEquals(
                a.getLayersList(),
                b.getLayersList(),
                "same weights and neuron parameters as the uninterrupted run");
        assertEquals(
                epochs,
                Files.readAllLines(run.resolve("metrics.csv")).size() - 1,
                "every epoch's row, none twice");

        r = CliRunner.run("train", "--resume", run.toString(), "--threads", "0");
        assertEquals(
                dev.spikeforge.cli.command.ExitCodes.USAGE,
                r.exitCode(),
                "a flag value out of its range is a usage error");
        assertTrue(
                r.err().contains("--threads must be >= 1 and at most 1024, got 0"),
                "--threads may change on resume, within its limits: " + r.err());
    }

    @Test
    void badInputNamesTheFileOrFlagAndWhatToDo() throws Exception {
        Path model = dir.resolve("m.sft");
        List<String> missing = args(model, 1);
        missing.set(missing.indexOf(SLICE), dir.resolve("nowhere").toString());
        CliRunner r = CliRunner.run(missing.toArray(String[]::new));
        assertEquals(1, r.exitCode());
        assertTrue(
                r.err().contains("Fashion-MNIST not found") && r.err().contains("nowhere"),
                r.err());
        assertTrue(
                r.json().get("error").getAsString().contains("nowhere"),
                "the --json error line names it too");

        List<String> shape = args(model, 1);
        shape.addAll(List.of("--arch", "conv", "--encoding", "sequential"));
        r = CliRunner.run(shape.toArray(String[]::new));
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--encoding") && r.err().contains("conv"), r.err());

        Path run = dir.resolve("broken.run");
        Files.createDirectories(run);
        Files.write(run.resolve("checkpoint.sfck"), new byte[] {'S', 'F', 'C', 'K', 1, 2, 3});
        r = CliRunner.run("train", "--resume", run.toString(), "--json");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(run.resolve("checkpoint.sfck").toString()), r.err());

        r = CliRunner.run("train", "--resume", run.toString(), "--hidden", "10");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("drop --hidden"), r.err());
        assertFalse(Files.exists(model), "nothing written on failure");
        assertFalse(
                Files.exists(dir.resolve("m.run").resolve("checkpoint.sfck")),
                "no checkpoint from a run that never started");
    }
}
