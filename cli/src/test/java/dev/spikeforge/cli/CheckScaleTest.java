package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.proto.*;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check and compile read --weight-bits, --scale, --scale-rule and --rounding alike, so a check
 * answers for the compile.
 */
class CheckScaleTest {
    @TempDir Path dir;

    /**
     * 6 inputs, 2 neurons. At 4 bits (qmax 7) with one scale k = 7 / 1.0: neuron 1's weights
     * 0.1..0.6 become 1, 1, 2, 3, 4, 4 (4 levels: fits TrueNorth's 4 axon types). With its own
     * scale 7 / 0.6 they become 1, 2, 3.5 -> 4 (or 3), 5, 6, 7: 6 levels, one weight_levels
     * violation.
     */
    private Path model() throws IOException {
        float[] w = {1f, -1f, 0.5f, -0.5f, 0f, 0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        Tensor.Builder t = Tensor.newBuilder().addShape(2).addShape(6);
        for (float x : w) t.addValues(x);
        TrainedNetwork net =
                TrainedNetwork.newBuilder()
                        .setName("levels")
                        .setInput(
                                InputSpec.newBuilder()
                                        .addShape(6)
                                        .setEncoding(Encoding.RATE)
                                        .setSteps(10)
                                        .setGain(1f)
                                        .setEncodingSeed(1))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("hidden")
                                        .setKind(LayerKind.DENSE_LIF)
                                        .setSize(2)
                                        .setWeights(t)
                                        .setNeuron(
                                                FloatLifParams.newBuilder()
                                                        .setDu(1f)
                                                        .setDv(0.1f)
                                                        .setThreshold(1f)))
                        .build();
        Path p = dir.resolve("levels.sft");
        ArtifactFiles.write(p, net);
        return p;
    }

    @Test
    void perChannelScalesChangeTheLevelsCheckCountsAsCompileDoes() throws IOException {
        String m = model().toString();
        String out = dir.resolve("x.sfc").toString();

        CliRunner perLayer =
                CliRunner.run(
                        "check",
                        m,
                        "--target",
                        "truenorth",
                        "--weight-bits",
                        "4",
                        "--scale",
                        "per-layer",
                        "--json");
        assertEquals(0, perLayer.exitCode(), perLayer.out() + perLayer.err());
        assertEquals("PER_LAYER", perLayer.json().get("scale_mode").getAsString());
        assertEquals(4, perLayer.json().get("weight_bits").getAsInt());
        CliRunner compiled =
                CliRunner.run(
                        "compile",
                        m,
                        "--target",
                        "truenorth",
                        "--weight-bits",
                        "4",
                        "--scale",
                        "per-layer",
                        "--validate",
                        "0",
                        "--out",
                        out,
                        "--json");
        assertEquals(0, compiled.exitCode(), compiled.out() + compiled.err());
        JsonObject layer = compiled.json().getAsJsonArray("layers").get(0).getAsJsonObject();
        assertEquals(4, layer.get("max_weight_levels").getAsInt());
        // TrueNorth's weight exponent is fixed at 0: nothing is truncated, the effective error is
        // the rounding error.
        assertEquals(0.0, layer.get("truncation_max_error").getAsDouble());
        assertEquals(0, layer.get("mantissa_shift").getAsInt());
        assertEquals(
                layer.get("max_abs_error").getAsDouble(),
                layer.get("effective_max_abs_error").getAsDouble());
        assertEquals(
                layer.get("mean_abs_error").getAsDouble(),
                layer.get("effective_mean_abs_error").getAsDouble());
        // No samples: 0.1 spikes per input axon per step (assumed) over 6 (neuron 0: 4) nonzero
        // synapses -> 0.5, at least 1.
        assertEquals(1.0, layer.get("expected_active_inputs").getAsDouble());

        CliRunner perChannel =
                CliRunner.run(
                        "check",
                        m,
                        "--target",
                        "truenorth",
                        "--weight-bits",
                        "4",
                        "--scale",
                        "per-channel",
                        "--json");
        assertEquals(2, perChannel.exitCode(), perChannel.out() + perChannel.err());
        JsonObject v = perChannel.json().getAsJsonArray("violations").get(0).getAsJsonObject();
        CliRunner compileFails =
                CliRunner.run(
                        "compile",
                        m,
                        "--target",
                        "truenorth",
                        "--weight-bits",
                        "4",
                        "--scale",
                        "per-channel",
                        "--validate",
                        "0",
                        "--out",
                        out,
                        "--json");
        assertEquals(2, compileFails.exitCode());
        assertEquals(
                perChannel.json().get("violations"),
                compileFails.json().get("violations"),
                "the same violations, same fields");
        assertTrue(perChannel.out().contains("weight_levels"), perChannel.out());
        assertTrue(v.toString().contains("hidden"), v.toString());
    }

    @Test
    void badQuantizationFlagsAreNamedByBothCommands() throws IOException {
        String m = model().toString();
        String out = dir.resolve("y.sfc").toString();
        for (String[] cmd : new String[][] {{"check", m}, {"compile", m, "--out", out}}) {
            CliRunner r = CliRunner.run(concat(cmd, "--scale", "per-row"));
            assertNotEquals(0, r.exitCode());
            assertTrue(
                    r.err().contains("--scale") && r.err().contains("per-channel"),
                    cmd[0] + ": " + r.err());
            CliRunner rr = CliRunner.run(concat(cmd, "--rounding", "up"));
            assertNotEquals(0, rr.exitCode());
            assertTrue(
                    rr.err().contains("--rounding") && rr.err().contains("stochastic"),
                    cmd[0] + ": " + rr.err());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
