package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `train --init stable`, `--sparsity-target`, `--hybrid` and `--weight-bits` as a user runs them.
 */
class TrainMethodsCommandTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    @TempDir Path dir;

    private List<String> args(int epochs, String... extra) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--data-dir",
                                SLICE,
                                "--limit",
                                "300",
                                "--test-limit",
                                "100",
                                "--hidden",
                                "24",
                                "--steps",
                                "8",
                                "--batch",
                                "50",
                                "--epochs",
                                String.valueOf(epochs),
                                "--threads",
                                "1",
                                "--seed",
                                "3",
                                "--out",
                                dir.resolve("net.sft").toString(),
                                "--json"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void stableInitReachesTheInitialRateAskedFor() throws Exception {
        CliRunner r =
                CliRunner.run(
                        args(1, "--init", "stable", "--initial-rate", "0.5")
                                .toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals(0.5, j.get("initial_rate_target").getAsDouble());
        assertEquals(0.5, j.get("initial_rate_achieved").getAsDouble(), 0.01);
        TrainedNetwork net =
                ArtifactFiles.<TrainedNetwork>read(
                        dir.resolve("net.sft"), ArtifactKind.TRAINED_NETWORK);
        assertTrue(
                net.getProvenance()
                        .getHyperparametersOrThrow("stable_init.hidden0")
                        .contains("dampening="));
    }

    @Test
    void sparsityHybridAndWeightBitsShowInTheMetricsFiles() throws Exception {
        CliRunner r =
                CliRunner.run(
                        args(
                                        3,
                                        "--sparsity-target",
                                        "0.05",
                                        "--sparsity-weight",
                                        "2",
                                        "--hybrid",
                                        "--hybrid-levels",
                                        "4",
                                        "--weight-bits",
                                        "4")
                                .toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        List<String> csv = Files.readAllLines(Path.of(r.json().get("metrics_csv").getAsString()));
        List<String> header = List.of(csv.get(0).split(","));
        assertTrue(
                header.containsAll(
                        List.of(
                                "sparsity_weight",
                                "hybrid_levels",
                                "weight_bits",
                                "firing_rate_hidden0")),
                header.toString());
        int levels = header.indexOf("hybrid_levels"), weight = header.indexOf("sparsity_weight");
        assertEquals(
                List.of(4.0, 2.0, 1.0),
                csv.subList(1, 4).stream()
                        .map(l -> Double.parseDouble(l.split(",")[levels]))
                        .toList(),
                "halving to spikes in the last epoch");
        // E = 3, 6 batches: the last batch of epoch 1 is at 5/6 epochs done, past E/5 = 0.6: 2·(5/6
        // − 0.6)/1.2
        assertEquals(
                2 * (5 / 6.0 - 0.6) / 1.2, Double.parseDouble(csv.get(1).split(",")[weight]), 1e-4);
        assertEquals(2.0, Double.parseDouble(csv.get(3).split(",")[weight]), 1e-9);
    }

    @Test
    void methodFlagsOutOfPlaceAreNamed() {
        CliRunner a = CliRunner.run(args(1, "--initial-rate", "0.5").toArray(String[]::new));
        assertEquals(1, a.exitCode());
        assertTrue(a.err().contains("--initial-rate: only with --init stable"), a.err());
        CliRunner b = CliRunner.run(args(1, "--hybrid").toArray(String[]::new));
        assertEquals(1, b.exitCode());
        assertTrue(b.err().contains("--spiking-epochs"), b.err());
        CliRunner c = CliRunner.run(args(2, "--weight-bits", "0").toArray(String[]::new));
        assertEquals(1, c.exitCode());
        assertTrue(c.err().contains("--weight-bits: must be 1..16"), c.err());
    }
}
