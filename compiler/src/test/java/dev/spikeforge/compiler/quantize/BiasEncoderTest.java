package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class BiasEncoderTest {

    @Test
    void smallBiasesKeepExponentZero() {
        EncodedBias b = BiasEncoder.encode(new float[] {1f, -2f, 0.5f}, 1000);
        assertEquals(0, b.exponent());
        assertArrayEquals(new int[] {1000, -2000, 500}, b.mantissas());
        assertEquals(0, b.saturated());
    }

    @Test
    void theSmallestExponentFittingTheLargestBiasIsShared() {
        // 10 * 1000 = 10000: 10000/2 = 5000 > 4095, 10000/4 = 2500 fits. 0.3 * 1000 / 4 = 75.
        EncodedBias b = BiasEncoder.encode(new float[] {10f, 0.3f}, 1000);
        assertEquals(2, b.exponent());
        assertArrayEquals(new int[] {2500, 75}, b.mantissas());
    }

    @Test
    void biasesBeyondTheLargestExponentSaturateAndAreCounted() {
        // 1e6 / 2^7 = 7812.5 > 4095
        EncodedBias b = BiasEncoder.encode(new float[] {1000f, -1000f, 1f}, 1000);
        assertEquals(7, b.exponent());
        assertArrayEquals(new int[] {4095, -4095, 8}, b.mantissas()); // 1000 / 128 = 7.8 -> 8
        assertEquals(2, b.saturated());
    }
}
