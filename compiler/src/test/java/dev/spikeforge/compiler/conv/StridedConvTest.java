package dev.spikeforge.compiler.conv;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A stride-2 conv (input 1x5x5, one 3x3 kernel, padding 1: a 3x3 output map), then a readout. */
class StridedConvTest {
    static final int H = 5, K = 3, OUT = 3, STEPS = 20;

    /** Kernel taps 1/64 .. 9/64 row-major, so each synapse shows which tap it is. */
    static final float[] KERNEL = {
        1 / 64f, 2 / 64f, 3 / 64f, 4 / 64f, 5 / 64f, 6 / 64f, 7 / 64f, 8 / 64f, 127 / 64f
    };

    static TrainedNetwork net() {
        TrainedLayer c =
                Fixtures.conv(
                        "conv", 1, H, H, 1, K, 1, 1, KERNEL, null, 0.2f, ResetMode.RESET_TO_ZERO);
        ConvGeometry g =
                c.getConv().toBuilder().setStride(2).setOutHeight(OUT).setOutWidth(OUT).build();
        c = c.toBuilder().setConv(g).setSize(OUT * OUT).build();
        TrainedLayer readout =
                TrainedLayer.newBuilder()
                        .setName("out")
                        .setKind(LayerKind.READOUT)
                        .setSize(2)
                        .setWeights(
                                dev.spikeforge.proto.Tensor.newBuilder()
                                        .addShape(2)
                                        .addShape(OUT * OUT)
                                        .addAllValues(
                                                ConvCompileTest.boxed(
                                                        Fixtures.sixtyFourths(
                                                                2 * OUT * OUT, 80, 2))))
                        .setNeuron(FloatLifParams.newBuilder().setDu(1f).setDv(0f).setThreshold(1f))
                        .build();
        TrainedNetwork n = Fixtures.network(H * H, STEPS, c, readout);
        return n.toBuilder()
                .setInput(n.getInput().toBuilder().clearShape().addShape(1).addShape(H).addShape(H))
                .build();
    }

    @Test
    void eachOutputReadsItsStridedWindowAsCountedByHand() {
        FloatLayer conv = NetworkValidator.validate(net()).get(0);
        assertEquals(OUT * OUT, conv.size());
        // Synapses per output (y, x): the window rows 2y-1 .. 2y+1 and columns 2x-1 .. 2x+1 inside
        // 0..4.
        int[][] taps = {{4, 6, 4}, {6, 9, 6}, {4, 6, 4}};
        int total = 0;
        for (int y = 0; y < OUT; y++) {
            for (int x = 0; x < OUT; x++) {
                int n = y * OUT + x, count = 0;
                for (int i = 0; i < H * H; i++) if (conv.weight(n, i) != 0) count++;
                assertEquals(taps[y][x], count, "output (" + y + ", " + x + ")");
                total += count;
            }
        }
        assertEquals(49, total);
        // Output (1, 1) reads input rows 1..3, columns 1..3, tap (dy, dx) at input (1 + dy, 1 +
        // dx).
        for (int dy = 0; dy < K; dy++) {
            for (int dx = 0; dx < K; dx++)
                assertEquals(
                        KERNEL[dy * K + dx],
                        conv.weight(4, (1 + dy) * H + 1 + dx),
                        "tap " + dy + "," + dx);
        }
        // Output (0, 2) reads rows 0..1 (taps dy 1..2) and columns 3..4 (taps dx 0..1).
        assertEquals(KERNEL[K + 0], conv.weight(2, 3));
        assertEquals(KERNEL[2 * K + 1], conv.weight(2, H + 4));
        assertEquals(0, conv.weight(2, 2), "column 2 is outside (0, 2)'s window");
    }

    @Test
    void compiledItSpikesExactlyLikeTheFloatNetwork() {
        TrainedNetwork net = net();
        CompiledNetwork c =
                Compiler.compile(net, ChipProfiles.load("loihi2"), CompileOptions.defaults());
        assertEquals(H * H, c.getLayers(0).getFanIn());
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        Random r = new Random(4);
        int spikes = 0;
        try (Simulator sim = new Simulator(c)) {
            for (int t = 0; t < STEPS; t++) {
                int[] in = r.ints(0, H * H).limit(8).distinct().sorted().toArray();
                sim.step(in, in.length);
                ref.step(in);
                assertArrayEquals(ref.spikes(0), sim.spikes(0), "step " + t);
                for (boolean s : ref.spikes(0)) if (s) spikes++;
            }
        }
        assertTrue(spikes > 10, "the conv layer must spike: " + spikes);
        assertEquals(
                List.of(),
                Compiler.check(net, ChipProfiles.load("loihi2"), CompileOptions.defaults()));
    }
}
