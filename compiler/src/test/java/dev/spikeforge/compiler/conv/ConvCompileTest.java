package dev.spikeforge.compiler.conv;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.validate.FixedReference;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A tiny conv network (input 1x6x6, conv 2 channels 3x3 padding 1 with 2x2 sum pooling, readout of
 * 3 classes over the pooled 2x3x3 map) whose weights, biases and threshold are exactly
 * representable on the chip (multiples of 1/64, the largest 127/64, so k = 64; du = 1, dv = 0):
 * compiled and simulated, it spikes exactly like the float network and its readout potentials are
 * the float ones times scale·64 exactly.
 */
class ConvCompileTest {
    static final int H = 6, W = 6, O = 2, K = 3, CLASSES = 3, STEPS = 25;

    static TrainedNetwork net(ResetMode reset) {
        float[] kernel = Fixtures.sixtyFourths(O * K * K, 60, 3);
        float[] bias = {1 / 64f, -2 / 64f};
        TrainedLayer conv = Fixtures.conv("conv", 1, H, W, O, K, 1, 2, kernel, bias, 1f, reset);
        int pooled = O * (H / 2) * (W / 2);
        TrainedLayer readout =
                TrainedLayer.newBuilder()
                        .setName("out")
                        .setKind(LayerKind.READOUT)
                        .setSize(CLASSES)
                        .setWeights(
                                dev.spikeforge.proto.Tensor.newBuilder()
                                        .addShape(CLASSES)
                                        .addShape(pooled)
                                        .addAllValues(
                                                boxed(
                                                        Fixtures.sixtyFourths(
                                                                CLASSES * pooled, 100, 4))))
                        .setNeuron(FloatLifParams.newBuilder().setDu(1f).setDv(0f).setThreshold(1f))
                        .build();
        TrainedNetwork n = Fixtures.network(H * W, STEPS, conv, readout);
        return n.toBuilder()
                .setInput(n.getInput().toBuilder().clearShape().addShape(1).addShape(H).addShape(W))
                .build();
    }

    static List<Float> boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) b[i] = v[i];
        return List.of(b);
    }

    /** Direct float convolution and pooling, written independently of the compiler's expansion. */
    static double convDrive(float[] kernel, boolean[] in, int o, int y, int x) {
        double s = 0;
        for (int dy = 0; dy < K; dy++) {
            for (int dx = 0; dx < K; dx++) {
                int iy = y + dy - 1, ix = x + dx - 1;
                if (iy >= 0 && iy < H && ix >= 0 && ix < W && in[iy * W + ix])
                    s += kernel[(o * K + dy) * K + dx];
            }
        }
        return s;
    }

    @Test
    void expansionEqualsDirectConvolutionAndPoolingFoldsExactlyIntoTheNextLayer() {
        TrainedNetwork net = net(ResetMode.RESET_TO_ZERO);
        List<FloatLayer> layers = NetworkValidator.validate(net);
        FloatLayer conv = layers.get(0), out = layers.get(1);
        assertEquals(O * H * W, conv.size());
        assertEquals(H * W, conv.fanIn());
        assertEquals(O * H * W, out.fanIn(), "the readout reads every pre-pool neuron");
        float[] kernel = Fixtures.sixtyFourths(O * K * K, 60, 3);
        float[] wr = Fixtures.sixtyFourths(CLASSES * O * 9, 100, 4);
        Random r = new Random(9);
        for (int trial = 0; trial < 20; trial++) {
            boolean[] in = new boolean[H * W];
            for (int i = 0; i < in.length; i++) in[i] = r.nextBoolean();
            for (int n = 0; n < conv.size(); n++) {
                double expanded = 0;
                for (int i = 0; i < conv.fanIn(); i++) if (in[i]) expanded += conv.weight(n, i);
                assertEquals(
                        convDrive(kernel, in, n / (H * W), n % (H * W) / W, n % W),
                        expanded,
                        0.0,
                        "conv neuron " + n);
            }
            boolean[] z = new boolean[O * H * W];
            for (int i = 0; i < z.length; i++) z[i] = r.nextDouble() < 0.3;
            for (int c = 0; c < CLASSES; c++) {
                // Pooled value (o, py, px) = spikes of its 2x2 window; the readout weighs pooled
                // values.
                double pooled = 0;
                for (int o = 0; o < O; o++) {
                    for (int py = 0; py < 3; py++) {
                        for (int px = 0; px < 3; px++) {
                            int count = 0;
                            for (int dy = 0; dy < 2; dy++)
                                for (int dx = 0; dx < 2; dx++)
                                    if (z[(o * H + 2 * py + dy) * W + 2 * px + dx]) count++;
                            pooled += wr[c * 18 + (o * 3 + py) * 3 + px] * count;
                        }
                    }
                }
                double folded = 0;
                for (int i = 0; i < z.length; i++) if (z[i]) folded += out.weight(c, i);
                assertEquals(
                        pooled,
                        folded,
                        0.0,
                        "class " + c + ": pooling folded into the readout's synapses is exact");
            }
        }
        assertEquals(1 / 64f, conv.bias()[H * W - 1], "channel 0's bias on its last position");
        assertEquals(-2 / 64f, conv.bias()[H * W], "channel 1's bias on its first position");
    }

    @Test
    void compiledConvSpikesExactlyLikeTheFloatNetworkOnTheSimulator() {
        for (ResetMode reset : ResetMode.values()) {
            if (reset == ResetMode.UNRECOGNIZED) continue;
            TrainedNetwork net = net(reset);
            CompiledNetwork c = Compiler.compile(net, ChipProfiles.load("loihi2"));
            assertTrue(
                    c.getLayers(0).hasSparseWeights(),
                    "a conv layer is written in the sparse form");
            assertEquals(
                    64 * Math.scalb(1.0, c.getLayers(0).getWeightExp()),
                    c.getLayers(0).getScale(),
                    0.0,
                    "k = 64 exactly");
            FloatReference ref = new FloatReference(NetworkValidator.validate(net));
            FixedReference fixed = new FixedReference(c);
            Random r = new Random(5);
            int spikes = 0;
            double outScale = c.getLayers(1).getScale() * (1 << FixedPoint.ACT_SHIFT);
            try (Simulator sim = new Simulator(c)) {
                for (int t = 0; t < STEPS; t++) {
                    int[] in = r.ints(0, H * W).distinct().limit(10).toArray();
                    sim.step(in, in.length);
                    ref.step(in);
                    fixed.step(in);
                    boolean[] chip = sim.spikes(0), flt = ref.spikes(0);
                    for (int n = 0; n < chip.length; n++) {
                        assertEquals(flt[n], chip[n], reset + ": step " + t + ", conv neuron " + n);
                        assertEquals(
                                chip[n],
                                fixed.spikes(0)[n],
                                "the test's integer reference (FixedReference) agrees with the"
                                        + " simulator");
                        if (chip[n]) spikes++;
                    }
                    int[] v = sim.voltages(1);
                    double[] fv = ref.voltages(1);
                    for (int k = 0; k < CLASSES; k++)
                        assertEquals(fv[k] * outScale, v[k], 0.0, "step " + t + ", class " + k);
                }
                long[] scores = fixed.scores();
                int[] v = sim.voltages(1);
                for (int k = 0; k < CLASSES; k++)
                    assertEquals(v[k], scores[k], "readout score of class " + k);
            }
            assertTrue(spikes > 50, "the conv layer must be active, got " + spikes);
        }
    }

    @Test
    void badGeometryIsNamed() {
        TrainedLayer conv =
                Fixtures.conv(
                        "conv",
                        1,
                        H,
                        W,
                        O,
                        K,
                        1,
                        4,
                        Fixtures.sixtyFourths(O * K * K, 60, 3),
                        null,
                        1f,
                        ResetMode.RESET_TO_ZERO);
        TrainedNetwork n = Fixtures.network(H * W, STEPS, conv);
        var e =
                assertThrows(
                        dev.spikeforge.compiler.layers.InvalidNetworkException.class,
                        () -> NetworkValidator.validate(n));
        assertTrue(
                e.getMessage()
                        .contains("layer 0 'conv' conv.pool 4 does not divide the out map 6x6"),
                e.getMessage());
        TrainedNetwork wrongInput =
                Fixtures.network(
                        30,
                        STEPS,
                        Fixtures.conv(
                                "conv",
                                1,
                                H,
                                W,
                                O,
                                K,
                                1,
                                2,
                                Fixtures.sixtyFourths(O * K * K, 60, 3),
                                null,
                                1f,
                                ResetMode.RESET_TO_ZERO));
        var e2 =
                assertThrows(
                        dev.spikeforge.compiler.layers.InvalidNetworkException.class,
                        () -> NetworkValidator.validate(wrongInput));
        assertTrue(
                e2.getMessage().contains("the input map [1, 6, 6] does not match the input"),
                e2.getMessage());
    }
}
