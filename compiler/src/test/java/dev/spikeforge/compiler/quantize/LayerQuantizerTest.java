package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.Provenance;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LayerQuantizerTest {

    private static FloatLayer only(TrainedNetwork net, int layer) {
        return NetworkValidator.validate(net).get(layer);
    }

    @Test
    void handComputedSpikingLayer() {
        // W = [[0.5, -0.25], [0.25, 0.125]], theta = 1, bias = [0.1, -0.05], du = 0.1, dv = 0.05, 8
        // bits.
        FloatLayer l =
                only(
                        Fixtures.network(
                                2,
                                10,
                                Fixtures.dense(
                                        "h",
                                        2,
                                        2,
                                        new float[] {0.5f, -0.25f, 0.25f, 0.125f},
                                        new float[] {0.1f, -0.05f},
                                        1f)),
                        0);
        QuantizedLayer q = LayerQuantizer.quantize(l, 8, Rounding.NEAREST, 11, 0.25);
        CompiledLayer c = q.layer();
        // k = 254: 127, -63.5 -> -64, 63.5 -> 64, 31.75 -> 32
        assertEquals(Arrays.asList(127, -64, 64, 32), c.getWeightsList());
        // theta*k = 254; 254*4 = 1016 < 1024, so e = 3 and vth = 2032 (exact).
        assertEquals(3, c.getWeightExp());
        assertEquals(2032, c.getNeuron().getVthMant());
        assertEquals(2032.0, c.getScale(), 1e-9);
        // K = 2032 * 64 = 130048: biases 13004.8 and -6502.4 need exponent 2 -> 3251.2 -> 3251,
        // -1625.6 -> -1626
        assertEquals(2, c.getBiasExp());
        assertEquals(Arrays.asList(3251, -1626), c.getBiasMantList());
        // du: round(0.1 * 4096) - 1 = 409; dv: round(0.05 * 4096) = 205
        assertEquals(409, c.getNeuron().getDu());
        assertEquals(205, c.getNeuron().getDv());
        assertFalse(c.getNeuron().getReadout());
        assertEquals(ResetMode.RESET_TO_ZERO, c.getNeuron().getReset());
        assertEquals(-1, c.getSource());
        assertEquals(2, c.getFanIn());
        assertEquals(8, c.getWeightBits());
        assertEquals(0.0, q.report().getThresholdRelError(), 1e-12);
        assertEquals(0, q.report().getSaturatedBiases());
        assertEquals(2032.0, q.report().getScale(), 1e-9);
    }

    @Test
    void thresholdRoundingErrorIsReported() {
        // theta = 0.7: theta*k = 177.8, e = 3 -> 1422.4 -> 1422
        FloatLayer l =
                only(
                        Fixtures.network(
                                2,
                                10,
                                Fixtures.dense("h", 1, 2, new float[] {0.5f, 0.1f}, null, 0.7f)),
                        0);
        QuantizedLayer q = LayerQuantizer.quantize(l, 8, Rounding.NEAREST, 11, 0.25);
        assertEquals(3, q.layer().getWeightExp());
        assertEquals(1422, q.layer().getNeuron().getVthMant());
        double exact = 0.7f * 254.0 * 8;
        assertEquals((exact - 1422) / exact, q.report().getThresholdRelError(), 1e-12);
    }

    @Test
    void largeSingleStepDriveLowersTheExponentSoTheCurrentCannotWrap() {
        // 2000 inputs all at 127: D = 254000; D * 2^e * 64 <= 2^23 - 1 needs 2^e <= 0.516, so e =
        // -1 and vth = 127.
        float[] w = new float[2000];
        Arrays.fill(w, 0.5f);
        FloatLayer l =
                only(Fixtures.network(2000, 10, Fixtures.dense("wide", 1, 2000, w, null, 1f)), 0);
        QuantizedLayer q = LayerQuantizer.quantize(l, 8, Rounding.NEAREST, 11, 0.25);
        assertEquals(-1, q.layer().getWeightExp());
        assertEquals(127, q.layer().getNeuron().getVthMant());
        assertEquals(127.0, q.layer().getScale(), 1e-9);
    }

    @Test
    void readoutTakesTheLargestExponentItsEstimatedPeakAllows() {
        // k = 254; A = max(0.5 + 0.2, 0.1) = 0.7 for neuron 0. du = dv = 0 (du snaps to 1/4096), T
        // = 11 steps:
        // G_in ~ 66, peak ~ 0.25 * 0.7 * 66 = 11.5; 11.5 * 254 * 64 * 2^e <= 2^23 - 1 gives 2^e <=
        // 44.7, e = 5.
        FloatLayer l =
                only(
                        Fixtures.network(
                                3,
                                10,
                                Fixtures.readout(
                                        "out",
                                        2,
                                        3,
                                        new float[] {0.5f, 0.2f, -0.1f, -0.3f, 0.4f, 0.1f})),
                        0);
        QuantizedLayer q = LayerQuantizer.quantize(l, 8, Rounding.NEAREST, 11, 0.25);
        CompiledLayer c = q.layer();
        assertTrue(c.getNeuron().getReadout());
        assertEquals(5, c.getWeightExp());
        assertEquals(WeightExponent.VTH_MANT_MAX, c.getNeuron().getVthMant());
        assertEquals(254.0 * 32, c.getScale(), 1e-9);
        assertEquals(0, c.getNeuron().getDu());
        assertEquals(0, c.getNeuron().getDv());

        double peak = ReadoutHeadroom.peakEstimate(l, 0, 0, 11, 0.25);
        assertEquals(0.25 * 0.7 * 66, peak, 0.05);
        assertTrue(peak * c.getScale() * 64 <= 8388607, "the estimated peak fits");
        assertTrue(peak * c.getScale() * 2 * 64 > 8388607, "one more exponent step would not");
    }

    @Test
    void moreStepsGiveTheReadoutMoreHeadroom() {
        FloatLayer l =
                only(
                        Fixtures.network(
                                3,
                                10,
                                Fixtures.readout("out", 1, 3, new float[] {0.5f, 0.2f, -0.1f})),
                        0);
        int shortRun =
                LayerQuantizer.quantize(l, 8, Rounding.NEAREST, 10, 0.25).layer().getWeightExp();
        int longRun =
                LayerQuantizer.quantize(l, 8, Rounding.NEAREST, 200, 0.25).layer().getWeightExp();
        assertTrue(longRun < shortRun, longRun + " < " + shortRun);
    }

    @Test
    void readoutActivityComesFromRecordedFiringRates() {
        TrainedNetwork net =
                Fixtures.network(
                        3,
                        10,
                        Fixtures.randomDense("h", 4, 3, 1),
                        Fixtures.readout("out", 2, 4, Fixtures.random(8, 2)));
        assertEquals(0.25, ReadoutActivity.estimate(net, 1, 0.25));
        TrainedNetwork trained =
                net.toBuilder()
                        .setProvenance(
                                Provenance.newBuilder()
                                        .addEpochs(EpochMetrics.newBuilder().addFiringRate(0.4))
                                        .addEpochs(EpochMetrics.newBuilder().addFiringRate(0.1)))
                        .build();
        assertEquals(0.2, ReadoutActivity.estimate(trained, 1, 0.25), 1e-12); // last epoch, doubled
        assertEquals(
                0.25,
                ReadoutActivity.estimate(trained, 0, 0.25),
                "a readout on the input axons uses the fallback");
    }
}
