package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.NeuronModel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Binary, ternary and the other rounding modes, the bit-shift leak and a narrow datapath, on
 * hand-computed values.
 */
class LowBitQuantizerTest {

    @Test
    void binaryWeightsAreSignsScaledByTheMeanMagnitude() {
        // mean|W| = (0.5 + 0.25 + 0.1 + 0) / 4 = 0.2125, k = 1 / 0.2125; zero maps to +1.
        QuantizedWeights q =
                WeightQuantizer.quantize(new float[] {0.5f, -0.25f, 0.1f, 0f}, 1, Rounding.NEAREST);
        assertArrayEquals(new int[] {1, -1, 1, 1}, q.values());
        assertEquals(1 / 0.2125, q.k(), 1e-5);
        // |W - W_int/k| = 0.2875, 0.0375, 0.1125, 0.2125: mean 0.1625, max 0.2875; 0.5 * k = 2.35
        // would round to 2.
        assertEquals(0.1625, q.meanAbsError(), 1e-6);
        assertEquals(0.2875, q.maxAbsError(), 1e-6);
        assertEquals(1, q.clipped());
    }

    @Test
    void ternaryWeightsClipWhereTheSquaredErrorIsLeast() {
        // qmax = 1. Clip c with levels {-c, 0, c}: below c = 0.6 the best is c = 0.55 (SSE 0.3325);
        // above it
        // 0.3 rounds to 0 and SSE = (1-c)^2 + (0.6-c)^2 + 0.1825 is least at c = 0.8, nearest grid
        // point 102/128.
        float[] w = {1f, 0.3f, -0.3f, 0.05f, -0.6f, 0f};
        QuantizedWeights q = WeightQuantizer.quantize(w, 2, Rounding.NEAREST, ScaleRule.AUTO);
        assertEquals(128.0 / 102, q.k(), 1e-12);
        assertArrayEquals(new int[] {1, 0, 0, 0, -1, 0}, q.values());
        assertEquals(ScaleRule.MSE, ScaleRule.AUTO.resolve(2));
        assertEquals(ScaleRule.MAX, ScaleRule.AUTO.resolve(4));
    }

    @Test
    void msePrefersClippingARareOutlierAtFourBits() {
        // 99 weights of 0.1 and one of 1: MAX (k = 7) rounds 0.1 to 1 (error 0.043 each, SSE 0.18).
        // Clipping at c
        // (0.1 still rounds to 1) gives SSE 99 (0.1 - c/7)^2 + (1 - c)^2, least at c = 2.4143 /
        // 3.0204 = 0.799:
        // the nearest grid point is 102/128, so k = 7 * 128 / 102.
        float[] w = new float[100];
        Arrays.fill(w, 0.1f);
        w[99] = 1f;
        QuantizedWeights max = WeightQuantizer.quantize(w, 4, Rounding.NEAREST, ScaleRule.MAX);
        QuantizedWeights mse = WeightQuantizer.quantize(w, 4, Rounding.NEAREST, ScaleRule.MSE);
        assertEquals(7.0, max.k(), 1e-12);
        assertEquals(0, max.clipped());
        assertEquals(7 * 128.0 / 102, mse.k(), 1e-9);
        assertEquals(1, mse.clipped());
        assertTrue(mse.meanAbsError() < max.meanAbsError());
    }

    @Test
    void halvesRoundAwayFromZeroOrToEven() {
        float[] w = {0.5f, 1.5f, 2.5f, -2.5f};
        assertArrayEquals(
                new int[] {1, 2, 3, -3},
                WeightQuantizer.quantize(w, 1.0, 7, Rounding.NEAREST).values());
        assertArrayEquals(
                new int[] {0, 2, 2, -2},
                WeightQuantizer.quantize(w, 1.0, 7, Rounding.NEAREST_EVEN).values());
    }

    @Test
    void stochasticRoundingIsReproducibleAndUnbiased() {
        float[] w = new float[20000];
        Arrays.fill(w, 0.3f);
        QuantizedWeights a = WeightQuantizer.quantize(w, 1.0, 7, Rounding.STOCHASTIC);
        assertArrayEquals(
                a.values(), WeightQuantizer.quantize(w, 1.0, 7, Rounding.STOCHASTIC).values());
        double mean = Arrays.stream(a.values()).average().orElseThrow();
        assertTrue(Arrays.stream(a.values()).allMatch(v -> v == 0 || v == 1));
        assertEquals(0.3, mean, 0.02);
        assertEquals(Rounding.NEAREST_EVEN, Rounding.parse("nearest-even"));
    }

    @Test
    void shiftLeakTakesTheNearestPowerOfTwo() {
        // du = 0.1: log2(10) = 3.32 -> shift 3 keeps 0.875 (float keeps 0.9); dv = 0.05: log2(20) =
        // 4.32 -> 4, keeps 0.9375.
        Leak l =
                Leak.of(
                        FloatLifParams.newBuilder().setDu(0.1f).setDv(0.05f).build(),
                        NeuronModel.SHIFT_LIF);
        assertEquals(3, l.synShift());
        assertEquals(4, l.memShift());
        assertEquals(0.875, l.keepU(), 1e-12);
        assertEquals(Math.max((0.9 - 0.875) / 0.9, (0.95 - 0.9375) / 0.95), l.relError(), 1e-6);
        assertEquals(0, Leak.shiftFor(1.0));
        assertEquals(23, Leak.shiftFor(0.0));
    }

    @Test
    void aSixteenBitDatapathLowersTheExponentToKeepTheThreshold() {
        // As LayerQuantizerTest.handComputedSpikingLayer (k = 254, theta = 1) on 16-bit states with
        // exponents 0..7:
        // vth_mant must stay <= 32767 >> 6 = 511, so e = 1 (508) instead of 3 (2032).
        var layer =
                NetworkValidator.validate(
                                Fixtures.network(
                                        2,
                                        10,
                                        Fixtures.dense(
                                                "h",
                                                2,
                                                2,
                                                new float[] {0.5f, -0.25f, 0.25f, 0.125f},
                                                null,
                                                1f)))
                        .get(0);
        QuantSpec spec =
                new QuantSpec(
                        8,
                        Rounding.NEAREST,
                        ScaleRule.MAX,
                        new Datapath(32767, 0, 7),
                        NeuronModel.SHIFT_LIF,
                        11,
                        0.25);
        CompiledLayer c = LayerQuantizer.quantize(layer, spec).layer();
        assertEquals(1, c.getWeightExp());
        assertEquals(508, c.getNeuron().getVthMant());
        assertEquals(NeuronModel.SHIFT_LIF, c.getNeuron().getModel());
        assertEquals(3, c.getNeuron().getSynShift());
        assertEquals(4, c.getNeuron().getMemShift());
    }

    @Test
    void weightLevelsCountDistinctNonzeroValuesPerNeuron() {
        QuantizedWeights q = new QuantizedWeights(new int[] {1, -1, 1, 0, 2, 3, -3, 2}, 1, 0, 0, 0);
        assertEquals(3, q.maxLevels(2, 4)); // neuron 0: {1, -1}; neuron 1: {2, 3, -3}
    }
}
