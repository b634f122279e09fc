package dev.spikeforge.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.AccuracyCheck;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compile, then run the compiled form on runtime-sim's bit-exact simulator and the trained float
 * network on the same spikes: the spikes agree within the documented rounding (README: quantization
 * keeps ≥ 97 % of spike decisions on such a network) and the readout scores within 5 % of the
 * largest.
 */
class SimulatedAgreementTest {
    static final int INPUTS = 20, HIDDEN = 16, CLASSES = 4, STEPS = 30;

    static TrainedNetwork net() {
        return Fixtures.network(
                INPUTS,
                STEPS,
                Fixtures.dense(
                        "hidden",
                        HIDDEN,
                        INPUTS,
                        Fixtures.random(HIDDEN * INPUTS, 11),
                        Fixtures.random(HIDDEN, 12),
                        1f),
                Fixtures.readout("out", CLASSES, HIDDEN, Fixtures.random(CLASSES * HIDDEN, 13)));
    }

    @Test
    void theSimulatedChipSpikesLikeTheFloatNetwork() {
        TrainedNetwork net = net();
        CompiledNetwork c = Compiler.compile(net, ChipProfiles.loadDefault());
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        Random r = new Random(5);
        int spikes = 0, agree = 0;
        try (Simulator sim = new Simulator(c)) {
            int[] in = new int[INPUTS];
            for (int t = 0; t < STEPS; t++) {
                int k = 0;
                for (int i = 0; i < INPUTS; i++) if (r.nextDouble() < 0.3) in[k++] = i;
                int[] step = java.util.Arrays.copyOf(in, k);
                sim.step(step, k);
                ref.step(step);
                boolean[] chip = sim.spikes(0), flt = ref.spikes(0);
                for (int n = 0; n < HIDDEN; n++) {
                    if (flt[n]) spikes++;
                    if (chip[n] == flt[n]) agree++;
                }
            }
            assertTrue(spikes > 20, "the test network must be active, got " + spikes);
            assertTrue(
                    agree >= 0.97 * STEPS * HIDDEN,
                    "spikes agree on " + agree + " of " + STEPS * HIDDEN);
            double scale = c.getLayers(1).getScale() * (1 << FixedPoint.ACT_SHIFT), max = 0;
            double[] scores = ref.scores();
            for (double s : scores) max = Math.max(max, Math.abs(s));
            int[] v = sim.voltages(1);
            for (int k = 0; k < CLASSES; k++)
                assertEquals(scores[k], v[k] / scale, 0.05 * max, "score of class " + k);
        }
    }

    @Test
    void theReportMeasuresCompiledAgainstFloatAccuracy() {
        // Labels are the float network's own predictions, so float accuracy is 100 % and the chip's
        // is its agreement.
        TrainedNetwork net =
                Fixtures.network(
                        INPUTS,
                        STEPS,
                        Fixtures.dense(
                                "hidden",
                                HIDDEN,
                                INPUTS,
                                Fixtures.random(HIDDEN * INPUTS, 11),
                                null,
                                0.6f),
                        Fixtures.readout(
                                "out", CLASSES, HIDDEN, Fixtures.random(CLASSES * HIDDEN, 13)));
        net =
                net.toBuilder()
                        .setInput(net.getInput().toBuilder().setEncoding(Encoding.RATE))
                        .build();
        LabeledImages images = images(60, 4);
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        int[] labels = images.labels();
        var enc = dev.spikeforge.compiler.validate.FloatRun.encoder(net.getInput());
        float[] x = new float[INPUTS];
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, x, 0);
            labels[i] = FloatReference.argmax(ref.run(enc.encode(i, x), STEPS));
        }
        CompiledNetwork c =
                Compiler.compile(
                        net,
                        ChipProfiles.loadDefault(),
                        CompileOptions.defaults().withValidation(images));
        AccuracyCheck a = c.getReport().getAccuracy();
        assertEquals("", a.getSkipped());
        assertEquals(60, a.getSamples());
        assertEquals(1.0, a.getFloatAccuracy(), 1e-12);
        assertEquals(a.getAgreement(), a.getChipAccuracy(), 1e-12);
        assertTrue(a.getChipAccuracy() >= 0.9, "compiled accuracy " + a.getChipAccuracy());
        assertTrue(
                c.getReport().getMapping().getRatesSource().startsWith("measured on 60"),
                c.getReport().getMapping().getRatesSource());
    }

    @Test
    void withoutSamplesTheAccuracyCheckSaysWhy() {
        AccuracyCheck a =
                Compiler.compile(net(), ChipProfiles.loadDefault()).getReport().getAccuracy();
        assertEquals("no validation samples given", a.getSkipped());
    }

    /** n random grey images of 1 x INPUTS pixels. */
    static LabeledImages images(int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * INPUTS];
        for (int i = 0; i < px.length; i++) px[i] = (byte) r.nextInt(256);
        return new LabeledImages("random", 1, INPUTS, px, new int[n], CLASSES);
    }
}
