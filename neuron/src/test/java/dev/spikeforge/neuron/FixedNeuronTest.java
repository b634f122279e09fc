package dev.spikeforge.neuron;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The step skeleton and each model's leak, by hand: one rule per test. */
class FixedNeuronTest {

    /** Steps a one-neuron layer with input a on every step; returns {u, v, spike} per step. */
    private static int[][] trace(FixedNeuron m, int a, int steps) {
        NeuronState s = m.newState(1);
        int[][] out = new int[steps][];
        for (int t = 0; t < steps; t++) {
            m.step(s, new int[] {a}, null);
            out[t] = new int[] {s.u[0], s.v[0], s.spikes[0] ? 1 : 0};
        }
        return out;
    }

    @Test
    void cubaDecaysTruncatingTowardZero() {
        // du = 2047: u keeps 2048/4096; dv = 1024: v keeps 3072/4096. a = 10 -> a << 6 = 640.
        // 1: u = 640, v = 640; 2: u = 320 + 640 = 960, v = 480 + 960 = 1440
        int[][] t = trace(new CubaLif(2047, 1024, 1000, Reset.TO_ZERO), 10, 2);
        assertArrayEquals(new int[] {640, 640, 0}, t[0]);
        assertArrayEquals(new int[] {960, 1440, 0}, t[1]);
        // -3 · 4095 / 4096 = -2.999 -> -2 (toward zero)
        NeuronState s = new CubaLif(0, 0, 1000, Reset.TO_ZERO).newState(1);
        s.u[0] = -3;
        new CubaLif(0, 0, 1000, Reset.TO_ZERO).step(s, new int[1], null);
        assertEquals(-2, s.u[0]);
    }

    @Test
    void shiftLeakStallsSmallPositiveValuesAndDrainsNegativeOnes() {
        ShiftLif m = new ShiftLif(2, 2, Firing.of(1000, Reset.TO_ZERO));
        NeuronState s = m.newState(2);
        s.v[0] = 3; // 3 >> 2 = 0: never decays
        s.v[1] = -3; // -3 >> 2 = -1: -2, then -1, then -1 >> 2 = -1 -> 0
        int[][] v = new int[4][];
        for (int t = 0; t < 4; t++) {
            m.step(s, new int[2], null);
            v[t] = s.v.clone();
        }
        assertArrayEquals(new int[][] {{3, -2}, {3, -1}, {3, 0}, {3, 0}}, v);
    }

    @Test
    void integrateAndFireKeepsNoCurrentAndNoLeak() {
        int[][] t = trace(new IntegrateFire(Firing.of(25, Reset.TO_ZERO)), 10, 4);
        // 640 per step, threshold 1600: 640, 1280, 1920 -> spike, 0 + 640
        assertArrayEquals(new int[][] {{0, 640, 0}, {0, 1280, 0}, {0, 0, 1}, {0, 640, 0}}, t);
    }

    @Test
    void resetBySubtractionKeepsTheExcess() {
        int[][] t = trace(new IntegrateFire(Firing.of(25, Reset.BY_SUBTRACTION)), 10, 4);
        assertArrayEquals(new int[][] {{0, 640, 0}, {0, 1280, 0}, {0, 320, 1}, {0, 960, 0}}, t);
    }

    @Test
    void refractoryPeriodHoldsVoltageWhileCurrentIntegrates() {
        // 1920 per step > 1600: with 2 refractory steps it fires on steps 0, 3, 6
        CubaLif m = new CubaLif(4095, 0, Firing.of(25, Reset.TO_ZERO, false, 2));
        NeuronState s = m.newState(1);
        int[] z = new int[7], r = new int[7];
        for (int t = 0; t < 7; t++) {
            m.step(s, new int[] {30}, null);
            z[t] = s.spikes[0] ? 1 : 0;
            r[t] = s.refractory[0];
            assertEquals(1920, s.u[0], "u keeps integrating, step " + t);
            assertEquals(0, s.v[0], "v is held at its reset value, step " + t);
        }
        assertArrayEquals(new int[] {1, 0, 0, 1, 0, 0, 1}, z);
        assertArrayEquals(new int[] {2, 1, 0, 2, 1, 0, 2}, r);
    }

    @Test
    void eachNeuronFiresAgainstItsOwnThreshold() {
        IntegrateFire m =
                new IntegrateFire(Firing.perNeuron(new int[] {15, 25}, Reset.TO_ZERO, false, 0));
        NeuronState s = m.newState(2);
        StringBuilder fired = new StringBuilder();
        for (int t = 0; t < 6; t++) {
            m.step(s, new int[] {10, 10}, null);
            for (int n = 0; n < 2; n++)
                if (s.spikes[n]) fired.append(t).append(':').append(n).append(' ');
        }
        // 640 per step: neuron 0 (960) fires at 1280, neuron 1 (1600) at 1920
        assertEquals("1:0 2:1 3:0 5:0 5:1 ", fired.toString());
    }

    @Test
    void aReadoutIntegratesAndNeverSpikes() {
        int[][] t = trace(new IntegrateFire(Firing.of(1, Reset.TO_ZERO, true, 0)), 10, 3);
        assertArrayEquals(new int[][] {{0, 640, 0}, {0, 1280, 0}, {0, 1920, 0}}, t);
    }

    @Test
    void aStepConsumesItsInputAndListsSpikesInOrder() {
        IntegrateFire m = new IntegrateFire(Firing.of(1, Reset.TO_ZERO));
        NeuronState s = m.newState(6);
        // the range [2, 6) reads input[n - 2]
        int[] input = {5, 0, 5, 5}, list = {-1, -1, -1, -1, -1};
        int count = m.step(s, input, 2, null, 2, 6, list, 1);
        assertEquals(4, count);
        assertArrayEquals(new int[] {-1, 2, 4, 5, -1}, list);
        assertArrayEquals(new int[4], input);
        assertArrayEquals(new boolean[] {false, false, true, false, true, true}, s.spikes);
    }

    @Test
    void parametersOutOfRangeAreRefusedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> Firing.of(0, Reset.TO_ZERO));
        assertEquals("vth_mant must be in [1, 131071], got 0", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Firing.perNeuron(new int[] {5, 131072}, Reset.TO_ZERO, false, 0));
        assertEquals("vth_mants[1] must be in [1, 131071], got 131072", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new CubaLif(4096, 0, 10, Reset.TO_ZERO));
        assertEquals("du must be a 12-bit unsigned value, got 4096", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ShiftLif(3, 24, Firing.of(10, Reset.TO_ZERO)));
        assertEquals("syn_shift and mem_shift must be in [0, 23], got 3 and 24", e.getMessage());
        FixedNeuron withPeriod = new IntegrateFire(Firing.of(10, Reset.TO_ZERO, false, 2));
        assertThrows(
                IllegalArgumentException.class,
                () -> withPeriod.step(new NeuronState(1, false), new int[1], null));
    }
}
