package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.proto.*;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `compile --scale per-channel` then `simulate`: the simulator runs the per-neuron thresholds and
 * spikes like the float network.
 */
class SimulatePerChannelTest {
    @TempDir Path dir;

    static final int INPUTS = 12, STEPS = 40;

    /**
     * Two spiking neurons whose weights differ 16-fold in range and are exact per channel (row 0:
     * multiples of 1/64, k = 64; row 1: multiples of 1/1024, k = 1024), du = 1, dv = 0, threshold
     * 1, biases 1/8 and 1/32: the compiled integer network is exact, so its spikes are the float
     * network's.
     */
    static TrainedNetwork net() {
        float[] w = new float[2 * INPUTS];
        Random r = new Random(21);
        for (int i = 0; i < INPUTS; i++) {
            w[i] = (r.nextInt(121) - 40) / 64f;
            w[INPUTS + i] = (r.nextInt(121) - 40) / 1024f;
        }
        w[0] = 127 / 64f;
        w[INPUTS] = 127 / 1024f;
        Tensor.Builder t = Tensor.newBuilder().addShape(2).addShape(INPUTS);
        for (float x : w) t.addValues(x);
        Tensor.Builder b = Tensor.newBuilder().addShape(2).addValues(1 / 8f).addValues(1 / 32f);
        return TrainedNetwork.newBuilder()
                .setName("per-channel")
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(INPUTS)
                                .setEncoding(Encoding.RATE)
                                .setSteps(STEPS)
                                .setGain(1f)
                                .setEncodingSeed(1))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("hidden")
                                .setKind(LayerKind.DENSE_LIF)
                                .setSize(2)
                                .setWeights(t)
                                .setBias(b)
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1f)
                                                .setDv(0f)
                                                .setThreshold(1f)
                                                .setReset(ResetMode.RESET_BY_SUBTRACTION)))
                .build();
    }

    @Test
    void simulateRunsAPerChannelCompiledNetworkLikeTheFloatOne() throws IOException {
        TrainedNetwork net = net();
        Path model = dir.resolve("pc.sft");
        ArtifactFiles.write(model, net);
        Path compiled = dir.resolve("pc.sfc");
        CliRunner c =
                CliRunner.run(
                        "compile",
                        model.toString(),
                        "--target",
                        "loihi2",
                        "--scale",
                        "per-channel",
                        "--validate",
                        "0",
                        "--out",
                        compiled.toString(),
                        "--json");
        assertEquals(0, c.exitCode(), c.out() + c.err());

        // Random input spikes, and the float network's spikes on them as the reference.
        Random r = new Random(8);
        StringBuilder csv = new StringBuilder("step,neuron\n");
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            int[] in = r.ints(0, INPUTS).distinct().limit(5).sorted().toArray();
            for (int i : in) csv.append(s).append(',').append(i).append('\n');
            ref.step(in);
            for (int n = 0; n < 2; n++) if (ref.spikes(0)[n]) expected.add("[" + s + "," + n + "]");
        }
        Path spikes = dir.resolve("in.csv");
        Files.writeString(spikes, csv.toString());
        CliRunner sim =
                CliRunner.run(
                        "simulate",
                        compiled.toString(),
                        "--input",
                        spikes.toString(),
                        "--steps",
                        String.valueOf(STEPS),
                        "--json");
        assertEquals(0, sim.exitCode(), sim.out() + sim.err());
        JsonObject j = sim.json();
        JsonArray out = j.getAsJsonArray("output_spikes");
        List<String> got = new ArrayList<>();
        for (var e : out) got.add(e.toString());
        assertEquals(
                expected,
                got,
                "spikes [step, neuron] of the simulated per-channel network against the float"
                        + " network");
        long n0 = expected.stream().filter(s -> s.endsWith(",0]")).count(),
                n1 = expected.size() - n0;
        assertTrue(n0 > 3 && n1 > 3, "both neurons must spike: " + n0 + ", " + n1);
    }
}
