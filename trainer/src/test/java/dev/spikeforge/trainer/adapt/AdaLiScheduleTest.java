package dev.spikeforge.trainer.adapt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AdaLiScheduleTest {
    private static final double EPS = 1e-9;

    @Test
    void powerLawFromLMaxToLMin() {
        AdaLiSchedule p = AdaLiSchedule.parse("power");
        // E = 10: β = ln(0.3/1.5)/ln 10 = −0.69897000433…
        assertEquals(1.5, p.window(1, 10), EPS);
        assertEquals(1.5 * Math.pow(2, -0.6989700043360187), p.window(2, 10), EPS);
        assertEquals(
                0.9240177665167546, p.window(2, 10), 1e-12); // 1.5 · 2^−0.69897 = 1.5 · 0.616012
        assertEquals(
                0.4870036229891479, p.window(5, 10), 1e-12); // 1.5 · 5^−0.69897 = 1.5 · 0.324669
        assertEquals(0.3, p.window(10, 10), EPS);
        assertEquals(1.5, p.window(1, 1), EPS, "a single epoch keeps L_max");
    }

    @Test
    void linearAndSqrt() {
        AdaLiSchedule lin = AdaLiSchedule.parse("linear"), sqrt = AdaLiSchedule.parse("SQRT");
        assertEquals(1.5 - 1.2 * 4 / 9.0, lin.window(5, 10), EPS); // 0.96667
        assertEquals(0.9666666666666667, lin.window(5, 10), EPS);
        assertEquals(0.3, lin.window(10, 10), EPS);
        assertEquals(0.7, sqrt.window(5, 10), EPS); // 1.5 − 1.2·√(4/9) = 1.5 − 0.8
        assertEquals(1.5 - 1.2 * 0.5, sqrt.window(2, 5), EPS); // √(1/4) = ½
        assertEquals(1.5, sqrt.window(1, 5), EPS);
    }

    @Test
    void autoWindowFromQuartilesIsClamped() {
        AdaLiSchedule auto = AdaLiSchedule.parse("auto");
        assertEquals(1.5, auto.window(1, 5), EPS, "nothing observed before epoch 1");
        assertArrayEquals(new double[] {0.6, 0.4}, auto.autoWindow(1.0, 0.4, 1.4), EPS);
        // Q1 far below θ: capped at L_max; Q3 below θ (a quiet layer): floored at L_min
        assertArrayEquals(new double[] {1.5, 0.3}, auto.autoWindow(1.0, -2.0, 0.5), EPS);
    }

    @Test
    void badNamesAreNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AdaLiSchedule.parse("cosine"));
        assertTrue(
                e.getMessage().contains("'cosine'")
                        && e.getMessage().contains("power, linear, sqrt, auto"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdaLiSchedule.DEFAULT.window(0, 3));
    }
}
