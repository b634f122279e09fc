package dev.spikeforge.trainer.surrogate;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.trainer.engine.Nd4jRuntime;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every shape of methods.md §1 against the table's formula, its peak, its area and its own smooth
 * step.
 */
class SurrogateFamilyTest {
    private static final double G = 0.7, S = 1.6, Q = 3.0;
    private static final double[] XS = {
        -3.1, -1.2, -0.6, -0.31, -0.2, -0.05, 0.0, 0.04, 0.17, 0.3, 0.45, 0.9, 2.5
    };

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    /**
     * A shape and the table's formula for dz/dx, written out independently of the implementation.
     */
    record Case(String shape, DoubleUnaryOperator formula) {
        ShapedSurrogate surrogate() {
            return SurrogateShapes.create(shape, G, S, Q);
        }

        @Override
        public String toString() {
            return shape;
        }
    }

    static Stream<Case> shapes() {
        return Stream.of(
                new Case("fast-sigmoid", x -> G / Math.pow(1 + 2 * Math.abs(S * x), 2)),
                new Case("triangular", x -> G * Math.max(0, 1 - Math.abs(S * x))),
                new Case("exponential", x -> G * Math.exp(-2 * Math.abs(S * x))),
                new Case(
                        "sigmoid",
                        x -> {
                            double sig = 1 / (1 + Math.exp(-4 * S * x));
                            return 4 * G * sig * (1 - sig);
                        }),
                new Case("gaussian", x -> G * Math.exp(-Math.PI * (S * x) * (S * x))),
                new Case("rectangular", x -> Math.abs(2 * S * x) < 1 ? G : 0),
                new Case("cauchy", x -> G / (1 + Math.pow(Math.PI * S * x, 2))),
                new Case("q-pseudospike", x -> G / Math.pow(1 + 2 * Math.abs(S * x) / (Q - 1), Q)));
    }

    @Test
    void everyShapeOfTheTableIsCovered() {
        assertEquals(SurrogateShapes.NAMES, shapes().map(Case::shape).toList());
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void derivativeMatchesTheFormulaInScalarAndArrayForm(Case c) {
        ShapedSurrogate s = c.surrogate();
        for (double x : XS)
            assertEquals(c.formula().applyAsDouble(x), s.derivative(x), 1e-12, c + " at " + x);
        INDArray x = Nd4j.createFromArray(XS);
        INDArray out = s.derivative(x, Nd4j.create(DataType.DOUBLE, XS.length));
        for (int i = 0; i < XS.length; i++)
            assertEquals(
                    c.formula().applyAsDouble(XS[i]),
                    out.getDouble(i),
                    1e-12,
                    c + " array at " + XS[i]);
        INDArray same = x.dup();
        s.derivative(same, same);
        assertEquals(out, same, "in place");
        INDArray f = s.derivative(x.castTo(DataType.FLOAT), Nd4j.create(DataType.FLOAT, XS.length));
        for (int i = 0; i < XS.length; i++)
            assertEquals(out.getDouble(i), f.getDouble(i), 1e-5 * G, c + " float at " + XS[i]);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void peaksAtGammaWithAreaGammaOverS(Case c) {
        ShapedSurrogate s = c.surrogate();
        assertEquals(G, s.derivative(0.0), 1e-12, "peak at threshold");
        for (double x = -5; x <= 5; x += 0.001)
            assertTrue(s.derivative(x) <= G + 1e-12, c + " exceeds its peak at " + x);
        assertEquals(G / S, integrate(s::derivative), 2e-4 * G / S, "area γ/s");
        assertEquals(G / S, s.area(), 1e-12);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void valueIsTheStepWhoseDerivativeItIs(Case c) {
        ShapedSurrogate s = c.surrogate();
        double h = 1e-6;
        INDArray x = Nd4j.createFromArray(XS);
        INDArray up = s.value(x.add(h), Nd4j.create(DataType.DOUBLE, XS.length));
        INDArray down = s.value(x.sub(h), Nd4j.create(DataType.DOUBLE, XS.length));
        INDArray v = s.value(x, Nd4j.create(DataType.DOUBLE, XS.length));
        for (int i = 0; i < XS.length; i++) {
            if (c.shape().equals("rectangular") && Math.abs(Math.abs(2 * S * XS[i]) - 1) < 1e-3)
                continue;
            // at x = 0 several shapes have a cusp, where central differences are only first-order
            // accurate
            assertEquals(
                    s.derivative(XS[i]),
                    (up.getDouble(i) - down.getDouble(i)) / (2 * h),
                    XS[i] == 0 ? 1e-5 : 1e-6,
                    c + " at " + XS[i]);
            assertEquals(s.value(XS[i]), v.getDouble(i), 1e-12, c + " scalar value at " + XS[i]);
        }
        assertEquals(0, s.value(-1e7), 1e-6 * G / S);
        assertEquals(G / S, s.value(1e7), 1e-6 * G / S);
        assertEquals(0.5 * G / S, s.value(0), 1e-12, "symmetric: half the area below threshold");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void activeRangeIsWhereTheGradientExceedsTheTolerance(Case c) {
        ShapedSurrogate s = c.surrogate();
        for (double tol : new double[] {1e-3, 0.1, 0.5}) {
            Surrogate.ActiveRange r = s.activeRange(tol);
            assertEquals(-r.hi(), r.lo(), 0);
            assertTrue(s.derivative(r.hi() * (1 - 1e-6)) > tol * G, c + " inside");
            assertTrue(s.derivative(r.hi() * (1 + 1e-6)) <= tol * G * (1 + 1e-9), c + " outside");
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void wideningKeepsTheAreaAndLowersThePeak(Case c) {
        ShapedSurrogate s = c.surrogate(), w = s.widened(1.25);
        assertEquals(G / 1.25, w.peak(), 1e-12);
        assertEquals(S / 1.25, w.sharpness(), 1e-12);
        assertEquals(s.area(), integrate(w::derivative), 2e-4 * s.area());
        assertEquals(c.shape(), w.shape());
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void specRoundTrips(Case c) {
        ShapedSurrogate s = SurrogateShapes.create(c.shape(), 0.5, 2.0, 3.0);
        assertEquals(c.shape(), s.spec().getShape());
        assertEquals(s, Surrogate.fromSpec(s.spec()));
    }

    @Test
    void badShapeOrParameterIsNamed() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SurrogateShapes.create("boxcar", 1, 1, 0));
        assertTrue(
                e.getMessage().contains("'boxcar'")
                        && e.getMessage().contains("q-pseudospike")
                        && e.getMessage().contains("adali"),
                e.getMessage());
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SurrogateShapes.create("gaussian", 1, 0, 0))
                        .getMessage()
                        .contains("sharpness"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SurrogateShapes.create("cauchy", -1, 1, 0))
                        .getMessage()
                        .contains("dampening"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new QPseudoSpike(1, 1, 1))
                        .getMessage()
                        .contains("q must be > 1"));
        assertEquals(
                QPseudoSpike.DEFAULT_Q,
                ((QPseudoSpike) SurrogateShapes.create("q-pseudospike", 1, 1, 0)).tailFatness());
    }

    @Test
    void qPseudoSpikeWithQTwoIsTheFastSigmoid() {
        QPseudoSpike q = new QPseudoSpike(G, S, 2);
        FastSigmoid f = new FastSigmoid(G, S);
        for (double x : XS) {
            assertEquals(f.derivative(x), q.derivative(x), 1e-12);
            assertEquals(f.value(x), q.value(x), 1e-12);
        }
    }

    // ---- AdaLi

    @Test
    void adaLiIsTheAsymmetricRectangle() {
        AdaLi a = new AdaLi(0.8, 0.4);
        // a/L = 0.625 on [−0.8, 0), b/R = 1.25 on [0, 0.4]
        double[] xs = {-1.0, -0.8, -0.5, -1e-9, 0.0, 0.2, 0.4, 0.41, 3.0};
        double[] want = {0, 0.625, 0.625, 0.625, 1.25, 1.25, 1.25, 0, 0};
        INDArray d =
                a.derivative(Nd4j.createFromArray(xs), Nd4j.create(DataType.DOUBLE, xs.length));
        for (int i = 0; i < xs.length; i++) {
            assertEquals(want[i], a.derivative(xs[i]), 1e-12, "scalar at " + xs[i]);
            assertEquals(want[i], d.getDouble(i), 1e-12, "array at " + xs[i]);
        }
        INDArray inPlace = Nd4j.createFromArray(xs).castTo(DataType.FLOAT);
        a.derivative(inPlace, inPlace);
        for (int i = 0; i < xs.length; i++)
            assertEquals(want[i], inPlace.getDouble(i), 1e-6, "float in place at " + xs[i]);
        assertEquals(1.0, integrate(a::derivative), 1e-4, "area a + b");
        assertEquals(0.5, a.value(0), 1e-12);
        assertEquals(1.0, a.value(10), 1e-12);
        assertEquals(0.25, a.value(-0.4), 1e-12);
        assertEquals(new Surrogate.ActiveRange(-0.8, 0.4), a.activeRange(1e-3));
        assertEquals(new AdaLi(1.0, 0.5), a.widened(1.25));
        AdaLi wide = new AdaLi(1.5, 1.5);
        assertEquals(wide, Surrogate.fromSpec(wide.spec()));
        assertThrows(IllegalArgumentException.class, () -> new AdaLi(0, 1));
    }

    @Test
    void adaLiValueAgreesWithItsScalarForm() {
        AdaLi a = new AdaLi(0.7, 1.3);
        double[] xs = {-2, -0.7, -0.3, 0, 0.6, 1.3, 4};
        INDArray v = a.value(Nd4j.createFromArray(xs), Nd4j.create(DataType.DOUBLE, xs.length));
        for (int i = 0; i < xs.length; i++) assertEquals(a.value(xs[i]), v.getDouble(i), 1e-12);
    }

    /**
     * ∫ f over the real line: Simpson's rule after x = sinh(u), which follows heavy tails out to
     * |x| ~ 10⁶.
     */
    static double integrate(DoubleUnaryOperator f) {
        int n = 400_000;
        double lim = 14.5, h = 2 * lim / n, sum = 0;
        for (int i = 0; i <= n; i++) {
            double u = -lim + i * h;
            double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += w * f.applyAsDouble(Math.sinh(u)) * Math.cosh(u);
        }
        return sum * h / 3;
    }
}
