package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export-nir on a compiled network writes the chip form (docs/nir.md, "Export of a compiled
 * network").
 */
class ExportNirCompiledTest {
    @TempDir Path dir;

    private static Tensor tensor(long seed, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        int n = 1;
        for (int s : shape) {
            t.addShape(s);
            n *= s;
        }
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) t.addValues((float) (r.nextDouble() - 0.5));
        return t.build();
    }

    @Test
    void aCompiledNetworkIsWrittenWithItsFixedPointParameters() throws Exception {
        FloatLifParams lif =
                FloatLifParams.newBuilder()
                        .setDu(0.25f)
                        .setDv(0.05f)
                        .setThreshold(1f)
                        .setReset(ResetMode.RESET_TO_ZERO)
                        .build();
        TrainedNetwork net =
                TrainedNetwork.newBuilder()
                        .setName("chip-nir")
                        .setInput(InputSpec.newBuilder().addShape(20).setSteps(10).setGain(1f))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("hidden")
                                        .setKind(LayerKind.DENSE_LIF)
                                        .setSize(8)
                                        .setWeights(tensor(1, 8, 20))
                                        .setNeuron(lif))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("readout")
                                        .setKind(LayerKind.READOUT)
                                        .setSize(3)
                                        .setWeights(tensor(2, 3, 8))
                                        .setNeuron(lif))
                        .build();
        Path model = dir.resolve("m.sft"), chip = dir.resolve("c.sfc"), nir = dir.resolve("c.nir");
        ArtifactFiles.write(model, net);
        assertEquals(
                0,
                CliRunner.run(
                                "compile",
                                model.toString(),
                                "--target",
                                "loihi1",
                                "--out",
                                chip.toString(),
                                "--validate",
                                "0")
                        .exitCode());
        CliRunner r =
                CliRunner.run("export-nir", chip.toString(), "--out", nir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertTrue(j.get("compiled").getAsBoolean());
        assertTrue(
                j.toString().contains("\"CubaLIF\"") && j.toString().contains("\"CubaLI\""),
                j.toString());
        assertTrue(r.out().contains("the compiled form in units of one weight"), r.out());
    }
}
