package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A residual net as a user runs it: train --arch resnet, compile for loihi2 with --validate,
 * simulate.
 */
class ResidualCommandsTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    @TempDir Path dir;

    @Test
    void aTrainedResnetCompilesForLoihi2AndSimulatesAsCompileMeasured() {
        Path model = dir.resolve("resnet.sft"), chip = dir.resolve("resnet.sfc");
        // A 4-channel stem (2x2 pooled), one SEW block, a dense layer of 16 reading the block's
        // output plus the stem's.
        CliRunner t =
                CliRunner.run(
                        "train",
                        "--arch",
                        "resnet",
                        "--conv",
                        "4x3p1",
                        "--hidden",
                        "16",
                        "--data-dir",
                        SLICE,
                        "--limit",
                        "600",
                        "--test-limit",
                        "50",
                        "--steps",
                        "6",
                        "--batch",
                        "50",
                        "--epochs",
                        "1",
                        "--threads",
                        "1",
                        "--seed",
                        "3",
                        "--out",
                        model.toString(),
                        "--json");
        assertEquals(0, t.exitCode(), t.err());
        CliRunner c =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        "loihi2",
                        "--validate",
                        "60",
                        "--data-dir",
                        SLICE,
                        "--out",
                        chip.toString(),
                        "--json");
        assertEquals(0, c.exitCode(), c.err() + c.out());
        CompiledNetwork net = ArtifactFiles.read(chip, ArtifactKind.COMPILED_NETWORK);
        // The stem's pooled map is summed with the block's unpooled one: one pooling layer, read by
        // the block and the sum.
        assertEquals(
                List.of("conv0", "conv0_pool", "conv1", "conv2", "hidden3", "readout"),
                net.getLayersList().stream().map(CompiledLayer::getName).toList());
        assertEquals(List.of(3, 1), net.getLayers(4).getSourcesList());
        JsonObject a = c.json().getAsJsonObject("accuracy");
        assertNotNull(a.get("chip_accuracy"), a.toString());
        double flt = a.get("float_accuracy").getAsDouble(),
                chipAcc = a.get("chip_accuracy").getAsDouble();
        assertTrue(flt > 0.3, "the float model learned: " + a);
        assertTrue(a.get("agreement").getAsDouble() >= 0.9, a.toString());
        // simulate on the same 60 test images classifies exactly as compile's check did.
        CliRunner sim =
                CliRunner.run(
                        "simulate",
                        chip.toString(),
                        "--dataset",
                        "fashion-mnist",
                        "--data-dir",
                        SLICE,
                        "--limit",
                        "60",
                        "--json");
        assertEquals(0, sim.exitCode(), sim.err());
        assertEquals(chipAcc, sim.json().get("accuracy").getAsDouble(), 1e-12);
        // The same sum through a sum layer (--sums layer): exact, one step later, so the same
        // predictions on the same images.
        Path summed = dir.resolve("summed.sfc");
        CliRunner s =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        "loihi2",
                        "--sums",
                        "layer",
                        "--validate",
                        "60",
                        "--data-dir",
                        SLICE,
                        "--out",
                        summed.toString(),
                        "--json");
        assertEquals(0, s.exitCode(), s.err() + s.out());
        assertEquals("[\"hidden3_sum\"]", s.json().get("sum_layers").toString());
        assertEquals("[\"conv0_pool\"]", s.json().get("pooling_layers").toString());
        assertEquals(c.json().get("steps").getAsInt() + 1, s.json().get("steps").getAsInt());
        assertEquals(
                chipAcc,
                s.json().getAsJsonObject("accuracy").get("chip_accuracy").getAsDouble(),
                1e-12);
        assertTrue(
                s.out().contains("residual sums as layers of graded neurons: hidden3_sum"),
                s.out());
        CliRunner bad =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        "loihi2",
                        "--sums",
                        "maybe",
                        "--out",
                        summed.toString(),
                        "--json");
        assertEquals(64, bad.exitCode(), bad.err());
        assertTrue(
                bad.out().contains("--sums") && bad.out().contains("auto, direct, layer"),
                bad.out());
        // loihi1 has no graded spikes: the sum of a pooled and an unpooled map is refused by name.
        CliRunner l1 =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        "loihi1",
                        "--out",
                        dir.resolve("l1.sfc").toString(),
                        "--json");
        assertEquals(2, l1.exitCode(), l1.err());
        assertTrue(l1.out().contains("pooled_source") && l1.out().contains("loihi2"), l1.out());
        // energy compiles a trained network with the same choices as compile: --sums layer adds
        // the sum layer's cores to loihi2's row; on a compiled network the flag is refused.
        int directCores = energyCores(model, "auto");
        int summedCores = energyCores(model, "layer");
        assertEquals(c.json().get("cores").getAsInt(), directCores);
        assertEquals(s.json().get("cores").getAsInt(), summedCores);
        assertTrue(summedCores > directCores, directCores + " vs " + summedCores);
        CliRunner fixed =
                CliRunner.run(
                        "energy",
                        chip.toString(),
                        "--sums",
                        "layer",
                        "--limit",
                        "2",
                        "--data-dir",
                        SLICE,
                        "--json");
        assertEquals(64, fixed.exitCode(), fixed.err());
        assertTrue(
                fixed.out().contains("--sums") && fixed.out().contains("already compiled"),
                fixed.out());
    }

    private static int energyCores(Path model, String sums) {
        CliRunner e =
                CliRunner.run(
                        "energy",
                        model.toString(),
                        "--profiles",
                        "loihi2",
                        "--sums",
                        sums,
                        "--limit",
                        "2",
                        "--data-dir",
                        SLICE,
                        "--json");
        assertEquals(0, e.exitCode(), e.err() + e.out());
        return e.json().getAsJsonArray("profiles").get(0).getAsJsonObject().get("cores").getAsInt();
    }
}
