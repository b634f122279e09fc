package dev.spikeforge.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.validate.FloatReference;
import dev.spikeforge.data.GradedEncoder;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.AccuracyCheck;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.run.ChipEvaluation;
import org.junit.jupiter.api.Test;

/**
 * DIRECT (analog) input on the chip: graded input spikes on Loihi 2, a host-side first layer on
 * Loihi 1.
 */
class DirectInputCompileTest {
    static final int INPUTS = SimulatedAgreementTest.INPUTS,
            HIDDEN = 16,
            CLASSES = SimulatedAgreementTest.CLASSES,
            STEPS = 12;

    private static TrainedNetwork direct() {
        TrainedNetwork net =
                Fixtures.network(
                        INPUTS,
                        STEPS,
                        Fixtures.dense(
                                "hidden",
                                HIDDEN,
                                INPUTS,
                                Fixtures.random(HIDDEN * INPUTS, 21),
                                null,
                                0.6f),
                        Fixtures.readout(
                                "out", CLASSES, HIDDEN, Fixtures.random(CLASSES * HIDDEN, 23)));
        return net.toBuilder()
                .setInput(net.getInput().toBuilder().setEncoding(Encoding.DIRECT).setGain(0.5f))
                .build();
    }

    /**
     * Labels are the float network's predictions, so float accuracy is 100 % and the chip's is its
     * agreement.
     */
    private static LabeledImages labelled(TrainedNetwork net) {
        LabeledImages images = SimulatedAgreementTest.images(80, 9);
        FloatReference ref = new FloatReference(NetworkValidator.validate(net));
        float[] x = new float[INPUTS];
        int[] labels = images.labels();
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, x, 0);
            for (int k = 0; k < x.length; k++) x[k] *= net.getInput().getGain();
            labels[i] = FloatReference.argmax(ref.runValues(x, STEPS));
        }
        return images;
    }

    @Test
    void gradedInputOnLoihi2MeasuresItsAccuracyAgainstTheFloatNetwork() {
        TrainedNetwork net = direct();
        CompiledNetwork c =
                Compiler.compile(
                        net,
                        ChipProfiles.load("loihi2"),
                        CompileOptions.defaults().withValidation(labelled(net)));
        assertEquals(
                InputMode.INPUT_GRADED,
                c.getInputPayload().getMode(),
                "auto picks graded spikes where the chip has them");
        assertTrue(
                c.getInputPayload().getBits() >= 2 && c.getInputPayload().getBits() <= 24,
                "bits " + c.getInputPayload().getBits());
        AccuracyCheck a = c.getReport().getAccuracy();
        assertEquals("", a.getSkipped());
        assertEquals(1.0, a.getFloatAccuracy(), 1e-12);
        assertTrue(a.getChipAccuracy() >= 0.9, "compiled accuracy " + a.getChipAccuracy());
        // Each payload is the pixel's value times the scale, within the reported quantization
        // error.
        GradedEncoder enc = (GradedEncoder) ChipEvaluation.encoderFor(c);
        float x = 0.37f;
        assertEquals(
                0.5 * x,
                enc.payload(x) / c.getInputPayload().getScale(),
                c.getInputPayload().getMaxAbsError() + 1e-12);
    }

    @Test
    void onLoihi1TheHostComputesTheFirstLayerAndPaysItsMacs() {
        TrainedNetwork net = direct();
        CompiledNetwork c =
                Compiler.compile(
                        net,
                        ChipProfiles.load("loihi1"),
                        CompileOptions.defaults().withValidation(labelled(net)));
        assertEquals(
                InputMode.INPUT_HOST,
                c.getInputPayload().getMode(),
                "auto falls back to the host on a chip without graded spikes");
        assertTrue(c.getLayers(0).getOnHost());
        assertTrue(
                c.getCoresList().stream().noneMatch(core -> core.getLayer() == 0),
                "no core holds the host's layer");
        assertEquals(c.getCoresCount(), c.getReport().getCoresUsed());
        assertTrue(
                c.getReport().getAccuracy().getChipAccuracy() >= 0.9,
                "compiled accuracy " + c.getReport().getAccuracy());
        // The hidden layer's synaptic ops are host MACs (each input event meets the axon's nonzero
        // weights, counted
        // when sent), plus one per active host neuron update; the cores do only the readout's
        // synaptic ops.
        var l0 = c.getLayers(0);
        long nonzero0 = l0.getWeightsList().stream().filter(w -> w != 0).count();
        var l1 = c.getLayers(1);
        int[] nonzero1 = new int[HIDDEN];
        for (int n = 0; n < l1.getSize(); n++)
            for (int j = 0; j < HIDDEN; j++) if (l1.getWeights(n * HIDDEN + j) != 0) nonzero1[j]++;
        GradedEncoder enc = (GradedEncoder) ChipEvaluation.encoderFor(c);
        float[] x = new float[INPUTS];
        java.util.Arrays.fill(x, 0.8f);
        var train = enc.encode(0, x);
        assertEquals(INPUTS, train.spikesPerStep()[0].length, "every pixel is an event");
        long readoutOps = 0;
        try (Simulator sim = new Simulator(c)) {
            for (int t = 0; t < STEPS; t++) {
                sim.step(train.spikesPerStep()[t], train.payloadsAt(t), INPUTS);
                boolean[] s = sim.spikes(0);
                for (int j = 0; j < HIDDEN; j++) if (s[j]) readoutOps += nonzero1[j];
            }
            var counts = sim.counters();
            long mac = counts.count(EventKind.HOST_MAC, counts.host());
            assertTrue(
                    mac >= STEPS * nonzero0 && mac <= STEPS * nonzero0 + (long) STEPS * HIDDEN,
                    "host MACs "
                            + mac
                            + ": "
                            + STEPS
                            + " steps x "
                            + nonzero0
                            + " synapses, plus at most one per neuron update");
            long coreOps = 0;
            for (int k = 0; k < counts.cores(); k++) coreOps += counts.synapticOps(k);
            assertTrue(readoutOps > 0, "the hidden layer must spike");
            assertEquals(readoutOps, coreOps, "the chip's synaptic ops are the readout's alone");
        }
    }

    @Test
    void binaryOnlyIsRefusedByName() {
        var e =
                assertThrows(
                        dev.spikeforge.compiler.constraint.CompilationException.class,
                        () ->
                                Compiler.compile(
                                        direct(),
                                        ChipProfiles.load("loihi2"),
                                        CompileOptions.defaults()
                                                .withInputMode(InputModeChoice.SPIKES)));
        assertTrue(e.getMessage().contains("input_mode"), e.getMessage());
        var g =
                assertThrows(
                        dev.spikeforge.compiler.constraint.CompilationException.class,
                        () ->
                                Compiler.compile(
                                        direct(),
                                        ChipProfiles.load("loihi1"),
                                        CompileOptions.defaults()
                                                .withInputMode(InputModeChoice.GRADED)));
        assertTrue(g.getMessage().contains("graded_spikes"), g.getMessage());
    }
}
