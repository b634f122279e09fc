package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.validate.FixedReference;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.compiler.validate.FloatRun;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.AccuracyCheck;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerChannelScaleTest {
    /** Row 1 is row 0 divided by 64: one scale for both leaves row 1 at zero. */
    static final float[] ROWS = {7f, -3.5f, 1f, 7 / 64f, -3.5f / 64, 1 / 64f};

    @Test
    void perChannelLowersTheErrorOnRowsOfVeryDifferentRanges() {
        // 4 bits: qmax 7. Per layer k = 7 / 7 = 1: [7, -4, 1 | 0, 0, 0] (-3.5 rounds away from
        // zero), errors
        // 0, 0.5, 0 | 7/64, 3.5/64, 1/64. Per channel k = (1, 64): [7, -4, 1 | 7, -4, 1], errors 0,
        // 0.5, 0 | 0, 0.5/64, 0.
        QuantizedWeights layer = WeightQuantizer.quantize(ROWS, 4, Rounding.NEAREST, ScaleRule.MAX);
        QuantizedWeights channel =
                WeightQuantizer.quantizePerRow(ROWS, 2, 3, 4, Rounding.NEAREST, ScaleRule.MAX);
        assertArrayEquals(new int[] {7, -4, 1, 0, 0, 0}, layer.values());
        assertArrayEquals(new int[] {7, -4, 1, 7, -4, 1}, channel.values());
        assertArrayEquals(new double[] {1, 64}, channel.rowScales(), 1e-12);
        assertEquals((0.5 + 11.5 / 64) / 6, layer.meanAbsError(), 1e-7);
        assertEquals((0.5 + 0.5 / 64) / 6, channel.meanAbsError(), 1e-7);
        assertEquals(0.5, layer.maxAbsError(), 1e-7);
        assertEquals(0.5, channel.maxAbsError(), 1e-7);
        assertEquals(
                channel.meanAbsError(),
                WeightQuantizer.perChannelMeanAbsError(ROWS, 2, 3, 4, Rounding.NEAREST),
                1e-12);
    }

    /**
     * A hidden layer whose two neurons' weights differ 16-fold in range, exactly representable per
     * channel (row 0: multiples of 1/64 up to 127/64, k = 64; row 1: multiples of 1/1024 up to
     * 127/1024, k = 1024), threshold 1, du = 1, dv = 0, biases 1/8 and 1/32. Per-channel scales
     * fold into thresholds 1024 and 16384 (e = 4) and the biases, and the integer network spikes
     * exactly like the float one, for both reset modes.
     */
    static TrainedNetwork net(ResetMode reset) {
        int inputs = 12;
        float[] w = new float[2 * inputs];
        Random r = new Random(21);
        for (int i = 0; i < inputs; i++) {
            w[i] = (r.nextInt(121) - 40) / 64f;
            w[inputs + i] = (r.nextInt(121) - 40) / 1024f;
        }
        w[0] = 127 / 64f;
        w[inputs] = 127 / 1024f;
        TrainedLayer hidden =
                Fixtures.dense("hidden", 2, inputs, w, new float[] {1 / 8f, 1 / 32f}, 1f)
                        .toBuilder()
                        .setNeuron(
                                FloatLifParams.newBuilder()
                                        .setDu(1f)
                                        .setDv(0f)
                                        .setThreshold(1f)
                                        .setReset(reset))
                        .build();
        TrainedLayer out =
                Fixtures.readout("out", 2, 2, new float[] {1, -1, -1, 1}).toBuilder()
                        .setNeuron(FloatLifParams.newBuilder().setDu(1f).setDv(0f).setThreshold(1f))
                        .build();
        return Fixtures.network(inputs, 40, hidden, out);
    }

    @Test
    void foldedScalesGiveTheFloatNetworksSpikes() {
        for (ResetMode reset :
                new ResetMode[] {ResetMode.RESET_TO_ZERO, ResetMode.RESET_BY_SUBTRACTION}) {
            TrainedNetwork net = net(reset);
            CompiledNetwork c =
                    Compiler.compile(
                            net,
                            ChipProfiles.load("loihi2"),
                            CompileOptions.defaults().withScaleMode(ScaleMode.PER_CHANNEL));
            var hidden = c.getLayers(0);
            assertEquals(4, hidden.getWeightExp());
            assertEquals(java.util.List.of(1024, 16384), hidden.getVthMantsList());
            // scale = the smallest neuron scale, 64 · 2^4 = 1024: the per-layer field is θ at that
            // scale
            assertEquals(1024, hidden.getScale(), 0.0);
            assertEquals(1024, hidden.getNeuron().getVthMant(), "θ · scale = 1 · 1024");
            // b·k·2^e·64: 1/8·64·16·64 = 8192 and 1/32·1024·16·64 = 32768, one exponent 4:
            // mantissas 512 and 2048.
            assertEquals(4, hidden.getBiasExp());
            assertEquals(java.util.List.of(512, 2048), hidden.getBiasMantList());
            LayerQuantization q = c.getReport().getLayers(0);
            assertEquals("PER_CHANNEL", q.getScaleMode());
            assertEquals(java.util.List.of(1024.0, 16384.0), q.getChannelScalesList());
            assertEquals(0, q.getMeanAbsError(), 1e-9);
            assertEquals(
                    "PER_LAYER",
                    c.getReport().getLayers(1).getScaleMode(),
                    "the readout keeps one scale");

            FloatReference ref = new FloatReference(NetworkValidator.validate(net));
            FixedReference fixed = new FixedReference(c);
            Random r = new Random(8);
            int spikes0 = 0, spikes1 = 0;
            try (Simulator chip = new Simulator(c)) {
                for (int t = 0; t < 40; t++) {
                    int[] in = r.ints(0, 12).distinct().limit(5).toArray();
                    ref.step(in);
                    chip.step(in, in.length);
                    fixed.step(in);
                    assertArrayEquals(
                            ref.spikes(0),
                            chip.spikes(0),
                            reset + ", step " + t + ": simulator against the float network");
                    assertArrayEquals(
                            fixed.spikes(0),
                            chip.spikes(0),
                            reset + ", step " + t + ": simulator against the test reference");
                    assertArrayEquals(
                            fixed.spikes(1), chip.spikes(1), reset + ", step " + t + ": readout");
                    if (chip.spikes(0)[0]) spikes0++;
                    if (chip.spikes(0)[1]) spikes1++;
                }
                long[] scores = fixed.scores();
                for (int k = 0; k < 2; k++)
                    assertEquals(
                            scores[k], chip.voltages(1)[k], reset + ": readout v of class " + k);
            }
            assertTrue(
                    spikes0 > 3 && spikes1 > 3,
                    "both neurons must spike: " + spikes0 + ", " + spikes1);
        }
    }

    @Test
    void perLayerScaleLosesTheSmallRowsSpikes() {
        // The same network with one scale: row 1 gets k = 64, so its weights (multiples of 1/1024)
        // round coarsely.
        TrainedNetwork net = net(ResetMode.RESET_TO_ZERO);
        CompiledNetwork c = Compiler.compile(net, ChipProfiles.load("loihi2"));
        assertTrue(c.getReport().getLayers(0).getMeanAbsError() > 1e-3);
        assertEquals(0, c.getLayers(0).getVthMantsCount());
    }

    @Test
    void theCompilersAccuracyCheckRunsPerChannelNetworksOnTheSimulator() {
        // Labels are the float network's predictions on rate-coded random images; the check runs
        // the compiled
        // per-channel network on the simulator, whose hidden spikes are the float ones (above), so
        // every sample agrees.
        TrainedNetwork net = net(ResetMode.RESET_TO_ZERO);
        net =
                net.toBuilder()
                        .setInput(net.getInput().toBuilder().setEncoding(Encoding.RATE))
                        .build();
        int n = 24, inputs = 12;
        Random r = new Random(3);
        byte[] px = new byte[n * inputs];
        for (int i = 0; i < px.length; i++) px[i] = (byte) r.nextInt(256);
        int[] labels = new int[n];
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        var enc = FloatRun.encoder(net.getInput());
        float[] x = new float[inputs];
        LabeledImages images = new LabeledImages("random", 1, inputs, px, labels, 2);
        for (int i = 0; i < n; i++) {
            images.copyImage(i, x, 0);
            labels[i] = FloatReference.argmax(ref.run(enc.encode(i, x), net.getInput().getSteps()));
        }
        CompiledNetwork c =
                Compiler.compile(
                        net,
                        ChipProfiles.load("loihi2"),
                        CompileOptions.defaults()
                                .withScaleMode(ScaleMode.PER_CHANNEL)
                                .withValidation(images));
        assertEquals(
                2,
                c.getLayers(0).getVthMantsCount(),
                "per-neuron thresholds in the checked network");
        AccuracyCheck a = c.getReport().getAccuracy();
        assertEquals("", a.getSkipped());
        assertEquals(n, a.getSamples());
        assertEquals(1.0, a.getFloatAccuracy(), 0.0);
        assertEquals(1.0, a.getAgreement(), 0.0);
        assertEquals(1.0, a.getChipAccuracy(), 0.0);
    }

    @Test
    void scaleModeParsesTheFlagValues() {
        assertEquals(ScaleMode.PER_LAYER, ScaleMode.parse("per-layer"));
        assertEquals(ScaleMode.PER_CHANNEL, ScaleMode.parse("Per-Channel"));
        var e = assertThrows(IllegalArgumentException.class, () -> ScaleMode.parse("per-row"));
        assertTrue(e.getMessage().contains("per-layer or per-channel"));
    }
}
