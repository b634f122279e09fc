package dev.spikeforge.trainer.quant;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.quantize.QuantizedWeights;
import dev.spikeforge.compiler.quantize.Rounding;
import dev.spikeforge.compiler.quantize.ScaleRule;
import dev.spikeforge.compiler.quantize.WeightQuantizer;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.TestNetworks;
import dev.spikeforge.trainer.network.LifNetwork;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The trainer's straight-through quantizer gives the compiler's integers, so compiling a QAT
 * network costs nothing.
 */
class WeightRuleTest {

    @Test
    void aKnownMatrixGivesTheIntegersWorkedByHand() {
        // 4 bits: qmax = 7, k = 7 / 0.7 = 10; 0.25·10 = 2.5 rounds away from zero to 3, −0.05·10 =
        // −0.5 to −1
        float[] w = {0.7f, -0.25f, 0.25f, -0.05f, 0.0f, 0.33f};
        WeightRule.Quantized q = WeightRule.quantize(w, 4);
        assertEquals(10.0, q.k(), 1e-6);
        assertArrayEquals(new int[] {7, -3, 3, -1, 0, 3}, q.values());
        // 1 bit: signs (0 → +1), k = 1/mean|W| = 6/1.58
        WeightRule.Quantized b = WeightRule.quantize(w, 1);
        assertArrayEquals(new int[] {1, -1, 1, -1, 1, 1}, b.values());
        assertEquals(6 / 1.58, b.k(), 1e-6);
    }

    @Test
    void sameIntegersAndScaleAsTheCompilerAtEveryWidth() {
        SplittableRandom r = new SplittableRandom(11);
        float[] w = new float[40 * 30];
        for (int i = 0; i < w.length; i++)
            w[i] = (float) (r.nextGaussian() * 0.1 + (i % 97 == 0 ? 0.5 : 0));
        for (int bits : new int[] {1, 2, 3, 4, 6, 8, 12}) {
            QuantizedWeights c =
                    WeightQuantizer.quantize(w, bits, Rounding.NEAREST, ScaleRule.AUTO);
            WeightRule.Quantized t = WeightRule.quantize(w, bits);
            assertArrayEquals(c.values(), t.values(), bits + " bits");
            assertEquals(c.k(), t.k(), 0.0, bits + " bits");
        }
    }

    @Test
    void quantizedInPlaceWeightsCompileToTheSameIntegersWithNoError() {
        LifNetwork net =
                TestNetworks.mlp(
                        30,
                        new int[] {12},
                        4,
                        new FloatLif(1, 0.05, 1, Reset.TO_ZERO),
                        1.0,
                        3L,
                        DataType.FLOAT);
        float[] latent = WeightQuantization.flat(net.layer(0).weights());
        for (int bits : new int[] {2, 8}) {
            WeightQuantization q = new WeightQuantization(net, bits);
            q.quantizeInPlace();
            float[] deployed = WeightQuantization.flat(net.layer(0).weights());
            QuantizedWeights fromLatent =
                    WeightQuantizer.quantize(latent, bits, Rounding.NEAREST, ScaleRule.AUTO);
            QuantizedWeights recompiled =
                    WeightQuantizer.quantize(deployed, bits, Rounding.NEAREST, ScaleRule.AUTO);
            assertArrayEquals(
                    fromLatent.values(),
                    recompiled.values(),
                    "the compiler finds the integers training used");
            assertEquals(0.0, recompiled.meanAbsError(), 1e-7, "and rounds nothing away");
            q.restoreLatent();
            assertArrayEquals(
                    latent,
                    WeightQuantization.flat(net.layer(0).weights()),
                    "latent weights come back untouched");
        }
    }
}
