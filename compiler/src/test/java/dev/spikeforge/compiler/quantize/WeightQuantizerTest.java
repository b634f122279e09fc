package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class WeightQuantizerTest {

    @Test
    void eightBitWeightsScaleTheLargestTo127() {
        // k = 127 / 0.5 = 254: 0.5 -> 127, -0.25 -> -63.5 -> -64 (halves away from zero), 0.1 ->
        // 25.4 -> 25.
        QuantizedWeights q =
                WeightQuantizer.quantize(new float[] {0.5f, -0.25f, 0.1f, 0f}, 8, Rounding.NEAREST);
        assertEquals(254.0, q.k(), 1e-12);
        assertArrayEquals(new int[] {127, -64, 25, 0}, q.values());
        assertEquals(0, q.clipped());
        double e1 = Math.abs(-0.25 + 64 / 254.0), e2 = Math.abs(0.1f - 25 / 254.0);
        assertEquals(e1, q.maxAbsError(), 1e-9);
        assertEquals((e1 + e2) / 4, q.meanAbsError(), 1e-9);
    }

    @Test
    void fourBitWeightsUseSevenLevels() {
        // qmax = 7, k = 7: 1 -> 7, -0.5 -> -3.5 -> -4, 0.3 -> 2.1 -> 2.
        QuantizedWeights q =
                WeightQuantizer.quantize(new float[] {1f, -0.5f, 0.3f}, 4, Rounding.NEAREST);
        assertArrayEquals(new int[] {7, -4, 2}, q.values());
    }

    @Test
    void truncationRoundsTowardZero() {
        QuantizedWeights q =
                WeightQuantizer.quantize(new float[] {0.5f, -0.25f, 0.1f}, 8, Rounding.TOWARD_ZERO);
        assertArrayEquals(new int[] {127, -63, 25}, q.values());
    }

    @Test
    void weightsBeyondTheRangeClipAndAreCounted() {
        // A scale chosen for max |W| = 1 leaves 2.0 and -1.5 outside [-127, 127].
        QuantizedWeights q =
                WeightQuantizer.quantize(
                        new float[] {2f, -1.5f, 0.5f}, 127.0, 127, Rounding.NEAREST);
        assertArrayEquals(new int[] {127, -127, 64}, q.values());
        assertEquals(2, q.clipped());
        assertEquals(1.0, q.maxAbsError(), 1e-9);
    }

    @Test
    void allZeroWeightsStayZero() {
        QuantizedWeights q = WeightQuantizer.quantize(new float[] {0f, 0f}, 8, Rounding.NEAREST);
        assertArrayEquals(new int[] {0, 0}, q.values());
        assertEquals(0, q.maxAbsError());
    }

    @Test
    void stepDriveIsTheLargerOfExcitatoryAndInhibitorySums() {
        QuantizedWeights q = new QuantizedWeights(new int[] {5, -3, 2, -9, 1, -1}, 1, 0, 0, 0);
        // neuron 0: +7 / -3; neuron 1: +1 / -10
        assertEquals(10, q.maxStepDrive(2, 3));
    }
}
