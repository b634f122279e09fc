package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.Fixtures;
import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The exponent choice counts the chip's truncation of the shifted sum (a = S &gt;&gt; −e). Every
 * expected integer is worked out by hand in the comments; k = 127 / max|W| at 8 bits.
 */
class ExponentChoiceTest {

    private static FloatLayer layer(TrainedNetwork net) {
        return NetworkValidator.validate(net).get(0);
    }

    private static QuantizedLayer quantize(FloatLayer l, double inputRate) {
        return LayerQuantizer.quantize(
                l,
                QuantSpec.loihi(8, Rounding.NEAREST, 11, 0.25)
                        .withInputRates(inputRate, Double.NaN));
    }

    @Test
    void fanInOneLayerTakesExponentZeroInsteadOfLosingAFifthOfTheWeight() {
        // W = 1/128, theta = 1: k = 127*128 = 16256, W_int = 127. The threshold-target rule alone
        // takes the smallest e
        // with 16256*2^e >= 1024, e = -3, where the chip integrates 127 >> 3 = 15 (15*8 = 120 of
        // 127: 5.5 % lost,
        // 7/16256 float units) although |W - W_int/k| = 0.
        FloatLayer l =
                layer(
                        Fixtures.network(
                                1,
                                10,
                                Fixtures.dense("one", 1, 1, new float[] {1 / 128f}, null, 1f)));
        assertEquals(-3, WeightExponent.forSpiking(1.0, 16256, 127, 0));
        assertEquals(15, FixedPoint.applyWeightExponent(127, -3));
        ExponentChoice.Grid g0 =
                new ExponentChoice.Grid(
                        0,
                        new QuantizedWeights(new int[] {127}, 16256, 0, 0, 0),
                        new QuantizedWeights(new int[] {127}, 16256, 0, 0, 0),
                        127,
                        16256,
                        0,
                        1 / 16256.0);
        ExponentChoice.Choice old = ExponentChoice.evaluate(g0, -3, 1);
        assertEquals(7 / 16256.0, old.truncationMax(), 1e-15);
        assertEquals(
                7 / 16256.0,
                old.effectiveMax(),
                1e-15,
                "the bound is the loss itself for one active input");
        assertEquals(7 / 127.0, old.effectiveMax() / (1 / 128.0), 1e-9, "5.5 % of the weight");

        // e = 0 fits (vth 16256 <= 2^17 - 1, drive 127*64), so it is chosen: nothing is truncated,
        // vth = 16256 exactly.
        QuantizedLayer q = quantize(l, Double.NaN);
        CompiledLayer c = q.layer();
        assertEquals(0, c.getWeightExp());
        assertEquals(Arrays.asList(127), c.getWeightsList());
        assertEquals(16256, c.getNeuron().getVthMant());
        assertEquals(127, FixedPoint.applyWeightExponent(127, c.getWeightExp()));
        LayerQuantization r = q.report();
        assertEquals(0.0, r.getTruncationMaxError());
        assertEquals(0.0, r.getEffectiveMaxAbsError());
        assertEquals(0.0, r.getEffectiveMeanAbsError());
        assertEquals(1.0, r.getExpectedActiveInputs(), "no rate known: one active input");
        assertEquals(0, r.getMantissaShift());
    }

    @Test
    void fanInOneLayerWhoseThresholdForbidsExponentZeroGetsACoarserMantissaInstead() {
        // W = 1/1024, theta = 8: k = 130048, theta*k = 1040384 > 2^17 - 1, so e <= -3 at full
        // mantissa (the old rule
        // even took e = -8, where 127 >> 8 = 0: the input vanished). Candidates, in units of 1/k,
        // one active input:
        //   j=0 (k,   e=-3): rounding 0,                  truncation 7 -> mean 0 + 7/2 = 3.5
        //   j=1 (k/2, e=-2): 63.5 -> 64, error 0.5*2 = 1, truncation 3*2 = 6 -> mean 1 + 3 = 4
        //   j=2 (k/4, e=-1): 31.75 -> 32, error 1,        truncation 1*4 = 4 -> mean 1 + 2 = 3
        //   j=3 (k/8, e= 0): 15.875 -> 16, error 1,       truncation 0     -> mean 1
        // (chosen)
        FloatLayer l =
                layer(
                        Fixtures.network(
                                1,
                                10,
                                Fixtures.dense("one", 1, 1, new float[] {1 / 1024f}, null, 8f)));
        assertEquals(
                0,
                FixedPoint.applyWeightExponent(
                        127, WeightExponent.forSpiking(8.0, 130048, 127, 0)));
        QuantizedLayer q = quantize(l, Double.NaN);
        CompiledLayer c = q.layer();
        assertEquals(0, c.getWeightExp());
        assertEquals(Arrays.asList(16), c.getWeightsList());
        assertEquals(130048, c.getNeuron().getVthMant(), "8 * 16256 * 2^0");
        assertEquals(16256.0, c.getScale(), 1e-9);
        assertEquals(3, q.report().getMantissaShift());
        assertEquals(1 / 130048.0, q.report().getEffectiveMaxAbsError(), 1e-15);
        assertEquals(1 / 130048.0, q.report().getMaxAbsError(), 1e-15);
        assertEquals(0.0, q.report().getTruncationMaxError());
    }

    /**
     * 1000 inputs at W = 1/1024, theta = 8: the same candidates as above, the truncation shared by
     * n inputs.
     */
    private static FloatLayer wide() {
        float[] w = new float[1000];
        Arrays.fill(w, 1 / 1024f);
        return layer(Fixtures.network(1000, 10, Fixtures.dense("wide", 1, 1000, w, null, 8f)));
    }

    @Test
    void wideLayerKeepsTheNegativeExponentWhenManyInputsAreActive() {
        // Rate 0.1 per input: n = 100 active inputs. j=0, e=-3: mean 0 + 7/(2*100) = 0.035/k; every
        // coarser grid
        // costs at least its rounding error 1/k. Drive 127000 * 2^-3 * 64 = 1016000 fits; vth =
        // 1040384/8 = 130048.
        QuantizedLayer q = quantize(wide(), 0.1);
        CompiledLayer c = q.layer();
        assertEquals(-3, c.getWeightExp());
        assertEquals(127, c.getWeights(0));
        assertEquals(130048, c.getNeuron().getVthMant());
        LayerQuantization r = q.report();
        assertEquals(0, r.getMantissaShift());
        assertEquals(100.0, r.getExpectedActiveInputs(), 1e-9);
        assertEquals(7 / 130048.0, r.getTruncationMaxError(), 1e-15);
        assertEquals(0.0, r.getMaxAbsError());
        assertEquals(7 / 130048.0 / 100, r.getEffectiveMaxAbsError(), 1e-15);
        assertEquals(3.5 / 130048.0 / 100, r.getEffectiveMeanAbsError(), 1e-15);
    }

    @Test
    void theBreakEvenIsAtThreeAndAHalfActiveInputs() {
        // j=0 costs 3.5/n (units of 1/k), j=3 costs 1: n = 3 (rate 0.003) -> coarser grid, n = 4
        // (0.004) -> e = -3.
        QuantizedLayer three = quantize(wide(), 0.003);
        assertEquals(3.0, three.report().getExpectedActiveInputs(), 1e-9);
        assertEquals(0, three.layer().getWeightExp());
        assertEquals(16, three.layer().getWeights(0));
        QuantizedLayer four = quantize(wide(), 0.004);
        assertEquals(4.0, four.report().getExpectedActiveInputs(), 1e-9);
        assertEquals(-3, four.layer().getWeightExp());
        assertEquals(127, four.layer().getWeights(0));
    }

    @Test
    void compilerUsesTheAssumedInputRateAndReportsTheFields() {
        // No validation samples, no recorded rates: 0.1 spikes per input axon per step
        // (RateEstimate), n = 100.
        TrainedNetwork net =
                Fixtures.network(
                        1000, 10, Fixtures.dense("wide", 1, 1000, fill(1000, 1 / 1024f), null, 8f));
        CompiledNetwork chip =
                Compiler.compile(
                        net,
                        dev.spikeforge.compiler.profile.ChipProfiles.load("loihi1"),
                        CompileOptions.defaults().withWeightBits(8));
        LayerQuantization r = chip.getReport().getLayers(0);
        assertEquals(100.0, r.getExpectedActiveInputs(), 1e-9);
        assertEquals(-3, chip.getLayers(0).getWeightExp());
        assertEquals(7 / 130048.0 / 100, r.getEffectiveMaxAbsError(), 1e-15);
    }

    @Test
    void ordinaryLayersKeepTheThresholdTargetExponent() {
        // W = [[0.5, -0.25], [0.25, 0.125]], theta = 1: e = 3 >= 0, nothing truncated, no shift,
        // errors unchanged.
        FloatLayer l =
                layer(
                        Fixtures.network(
                                2,
                                10,
                                Fixtures.dense(
                                        "h",
                                        2,
                                        2,
                                        new float[] {0.5f, -0.25f, 0.25f, 0.125f},
                                        null,
                                        1f)));
        QuantizedLayer q = quantize(l, 0.2);
        assertEquals(3, q.layer().getWeightExp());
        assertEquals(0.0, q.report().getTruncationMaxError());
        assertEquals(q.report().getMaxAbsError(), q.report().getEffectiveMaxAbsError());
        assertEquals(q.report().getMeanAbsError(), q.report().getEffectiveMeanAbsError());
        assertEquals(
                1.0,
                q.report().getExpectedActiveInputs(),
                "0.2 * 2 inputs = 0.4, counted as at least 1");
    }

    private static float[] fill(int n, float v) {
        float[] w = new float[n];
        Arrays.fill(w, v);
        return w;
    }
}
