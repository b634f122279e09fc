package dev.spikeforge.netx.lava;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Cases worked by hand through netx's optimize_weight_bits and Lava's dense clip and truncation
 * (the same cases give the same numbers in bench/netx_h5py_check.py's numpy restatement).
 */
class LavaDenseWeightsTest {
    @Test
    void mixedWeightsWithinMinus256To254AreHeldExactly() {
        // scale = min(127/254, 128/256) = 0.5: s = -1 + 1 = 0; all even: n = 1 - 1 = 0,
        // num_weight_bits 8, truncate 1 bit
        LavaDenseWeights.Held h = LavaDenseWeights.of(new int[] {-256, 254, 2, 0});
        assertNull(h.failure());
        assertEquals(0, h.shift());
        assertArrayEquals(new int[] {-256, 254, 2, 0}, h.held()[0]);
        assertTrue(h.exact());
    }

    @Test
    void smallMixedWeightsAreShiftedUpAndTheSumShiftedBack() {
        // scale = 1: s = 0 + 1; held 2w, sum >> 1
        LavaDenseWeights.Held h = LavaDenseWeights.of(new int[] {127, -128, 1});
        assertEquals(1, h.shift());
        assertArrayEquals(new int[] {254, -256, 2}, h.held()[0]);
        assertTrue(h.exact());
    }

    @Test
    void aMixedWeightAbove254IsClipped() {
        LavaDenseWeights.Held h = LavaDenseWeights.of(new int[] {255, -1});
        assertArrayEquals(new int[] {254, -1}, h.held()[0]);
        assertFalse(h.exact());
        assertArrayEquals(new int[] {0, 0}, h.firstDifference());
    }

    @Test
    void excitatoryWeightsReach255() {
        LavaDenseWeights.Held h = LavaDenseWeights.of(new int[] {255, 0, 1});
        assertEquals(0, h.shift());
        assertTrue(h.exact());
        assertTrue(
                LavaDenseWeights.of(new int[] {300, 1})
                        .failure()
                        .contains("shift the weights left by -1"));
    }

    @Test
    void allMinusOneIsLostByLavasInhibitoryClip() {
        // scale 256: s = 8, held -256; Lava clips the magnitude to 255 and, with num_weight_bits 0,
        // truncates 8 bits: 0
        LavaDenseWeights.Held h = LavaDenseWeights.of(new int[] {-1, -1});
        assertEquals(8, h.shift());
        assertArrayEquals(new int[] {0, 0}, h.held()[0]);
        assertFalse(h.exact());
    }

    @Test
    void zerosAndNegativesAreMixedForNetxButInhibitoryForLava() {
        // netx: mixed, scale 128/3: s = 5 + 1 = 6, num_weight_bits 8 - 6 + 1 = 3; Lava: inhibitory,
        // truncate 5 bits of 192
        LavaDenseWeights.Held h = LavaDenseWeights.of(new int[] {0, -3});
        assertEquals(6, h.shift());
        assertArrayEquals(new int[] {0, -192}, h.held()[0]);
        assertTrue(h.exact());
    }

    @Test
    void aRecurrentLayerSharesTheShiftButEachProcessPicksItsOwnSignMode() {
        // together: mixed, scale 127/100: s = 1, n = 1 - 1: num_weight_bits 7; feed-forward mixed
        // (truncate 2), recurrent excitatory (truncate 1)
        LavaDenseWeights.Held h = LavaDenseWeights.of(new int[] {2, -2}, new int[] {100, 0});
        assertEquals(1, h.shift());
        assertArrayEquals(new int[] {4, -4}, h.held()[0]);
        assertArrayEquals(new int[] {200, 0}, h.held()[1]);
        assertTrue(h.exact());
    }

    @Test
    void allZeroWeightsFailInNetxItself() {
        assertTrue(LavaDenseWeights.of(new int[] {0, 0}).failure().startsWith("every weight is 0"));
    }
}
