package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `train --chi-tolerance T`: what chi is counted against, in the metrics file and the artifact's
 * provenance.
 */
class ChiToleranceFlagTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    @TempDir Path dir;

    private String[] args(String... extra) {
        List<String> a =
                new java.util.ArrayList<>(
                        List.of(
                                "train",
                                "--data-dir",
                                SLICE,
                                "--limit",
                                "100",
                                "--test-limit",
                                "50",
                                "--hidden",
                                "16",
                                "--steps",
                                "4",
                                "--batch",
                                "50",
                                "--epochs",
                                "1",
                                "--threads",
                                "1",
                                "--seed",
                                "3",
                                "--out",
                                dir.resolve("net.sft").toString(),
                                "--json"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void toleranceIsRecordedInMetricsAndProvenance() throws Exception {
        CliRunner r = CliRunner.run(args("--chi-tolerance", "0.2", "--chi-adapt", "0.1,0.5"));
        assertEquals(0, r.exitCode(), r.err());
        List<String> csv = Files.readAllLines(Path.of(r.json().get("metrics_csv").getAsString()));
        List<String> header = List.of(csv.get(0).split(","));
        int col = header.indexOf("chi_tolerance");
        assertTrue(col >= 0 && header.contains("chi_hidden0"), header.toString());
        assertEquals(0.2, Double.parseDouble(csv.get(1).split(",")[col]), 0);
        TrainedNetwork net =
                ArtifactFiles.read(dir.resolve("net.sft"), ArtifactKind.TRAINED_NETWORK);
        assertEquals("0.2", net.getProvenance().getHyperparametersOrThrow("chi_tolerance"));
        assertEquals(
                "0.1,0.5 (factor 1.25)",
                net.getProvenance().getHyperparametersOrThrow("chi_adapt"));
    }

    @Test
    void toleranceOutsideZeroOneIsNamed() {
        CliRunner r = CliRunner.run(args("--chi-tolerance", "1.5"));
        assertEquals(1, r.exitCode());
        assertTrue(
                r.err().contains("--chi-tolerance")
                        && r.err().contains("1.5")
                        && r.err().contains("(0, 1)"),
                r.err());
    }
}
