package dev.spikeforge.trainer.adapt;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.surrogate.Rectangular;
import dev.spikeforge.trainer.surrogate.ShapedSurrogate;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.surrogate.SurrogateShapes;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ChiTest {
    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @Test
    void countedOnAHandBuiltGradient() {
        // peak 0.5, default tolerance 0.05 of it = 0.025: above it are 0.5, 0.03, 0.026, −0.2,
        // −0.03 → 5 of 10
        INDArray g =
                Nd4j.createFromArray(
                        new float[] {
                            0.5f, 0.03f, 0.026f, 0.024f, 0.01f, 0f, 6e-4f, -0.2f, 1e-7f, -0.03f
                        });
        assertEquals(0.5, Chi.ofGradient(g, 0.5, Chi.DEFAULT_TOLERANCE), 1e-12);
        // tolerance 1e-3 (5e-4): 0.024, 0.01 and 6e-4 count too → 8 of 10
        assertEquals(0.8, Chi.ofGradient(g, 0.5, 1e-3), 1e-12);
        for (double bad : new double[] {0, 1, -0.1, Double.NaN}) {
            String msg =
                    assertThrows(IllegalArgumentException.class, () -> Chi.ofGradient(g, 0.5, bad))
                            .getMessage();
            assertTrue(msg.contains("--chi-tolerance") && msg.contains("(0, 1)"), msg);
        }
    }

    @Test
    void defaultToleranceRadiusOfEachShape() {
        // the |s x| inside which SG > 0.05·γ, by hand: fast sigmoid 1/(1 + 2u)² = 1/20 → u = (√20 −
        // 1)/2 = 1.7361;
        // gaussian e^(−πu²) = 1/20 → u = √(ln 20 / π) = 0.97651; triangular 1 − u = 0.05 → 0.95;
        // rectangle |2u| < 1 → 0.5
        double t = Chi.DEFAULT_TOLERANCE;
        assertEquals(
                1.7360680,
                SurrogateShapes.create("fast-sigmoid", 1, 1, 0).activeRange(t).hi(),
                1e-6);
        assertEquals(
                0.9765097, SurrogateShapes.create("gaussian", 1, 1, 0).activeRange(t).hi(), 1e-6);
        assertEquals(
                0.95, SurrogateShapes.create("triangular", 1, 1, 0).activeRange(t).hi(), 1e-12);
        assertEquals(
                0.5, SurrogateShapes.create("rectangular", 1, 1, 0).activeRange(t).hi(), 1e-12);
        assertEquals(
                0.5,
                SurrogateShapes.create("rectangular", 1, 1, 0).activeRange(1e-3).hi(),
                1e-12,
                "finite support: any tolerance");
    }

    @Test
    void fastSigmoidToleranceRadius() {
        // γ/(1 + 2s|x|)² > 0.05·γ ⇔ |x| < (√20 − 1)/(2s); with s = 4: 0.434017
        FastSigmoid s = new FastSigmoid(1.0, 4.0);
        assertEquals((Math.sqrt(20) - 1) / 8, s.activeRange(Chi.DEFAULT_TOLERANCE).hi(), 1e-12);
        // θ = 1: potentials 1 ± 0.43 count, 1 ± 0.44 do not
        INDArray v =
                Nd4j.createFromArray(
                        new double[][] {{1 - 0.43, 1 + 0.43, 1 - 0.44}, {1 + 0.44, 1, 50}});
        assertEquals(3, Chi.activeCount(v, 1.0, s, Chi.DEFAULT_TOLERANCE));
        assertEquals(0.5, Chi.ofPotentials(v, 1.0, s, Chi.DEFAULT_TOLERANCE), 1e-12);
        // at 1e-3 the radius was (√1000 − 1)/8 = 3.83: all but the 50 count, the chi of 0.96
        // --chi-adapt could not lower
        assertEquals(5 / 6.0, Chi.ofPotentials(v, 1.0, s, 1e-3), 1e-12);
    }

    @Test
    void potentialCountAgreesWithTheGradientCountForEveryShape() {
        SplittableRandom r = new SplittableRandom(7);
        INDArray v = Nd4j.create(DataType.DOUBLE, 40, 25);
        for (int i = 0; i < v.length(); i++) v.putScalar(i, 1.0 + 4 * r.nextGaussian());
        double theta = 1.0;
        for (String shape : SurrogateShapes.NAMES) {
            ShapedSurrogate s = SurrogateShapes.create(shape, 0.8, 2.5, 3);
            for (double t : new double[] {Chi.DEFAULT_TOLERANCE, 1e-3, 0.3})
                assertChiAgrees(v, theta, s, t);
        }
        assertChiAgrees(v, theta, new AdaLi(0.9, 0.4), Chi.DEFAULT_TOLERANCE);
    }

    private static void assertChiAgrees(INDArray v, double theta, Surrogate s, double tolerance) {
        INDArray grad = s.derivative(v.sub(theta), Nd4j.create(DataType.DOUBLE, v.shape()));
        double direct = Chi.ofGradient(grad, s.peak(), tolerance);
        assertEquals(
                direct,
                Chi.ofPotentials(v, theta, s, tolerance),
                1e-12,
                s.describe() + " at tolerance " + tolerance);
        assertTrue(
                direct > 0 && direct < 1,
                s.describe() + " chi " + direct + " should be strictly between 0 and 1 here");
    }

    @Test
    void adaptationMovesTheWidthTheRightWayAndKeepsTheArea() {
        ChiAdaptation a = ChiAdaptation.parse("0.1,0.5");
        Rectangular s = new Rectangular(0.8, 2.0);
        // chi 0.05 < 0.1: widen, s ← s/1.25 and γ ← γ/1.25
        ShapedSurrogate wider = s.widened(a.widening(0.05));
        assertEquals(1.6, wider.sharpness(), 1e-12);
        assertEquals(0.64, wider.gamma(), 1e-12);
        assertEquals(s.area(), wider.area(), 1e-12);
        // chi 0.7 > 0.5: sharpen
        ShapedSurrogate sharper = s.widened(a.widening(0.7));
        assertEquals(2.5, sharper.sharpness(), 1e-12);
        assertEquals(s.area(), sharper.area(), 1e-12);
        assertEquals(1.0, a.widening(0.3));
        // widening raises chi on the same potentials, sharpening lowers it
        // |x| < 1/(2s): 0.25 now (4 of 9), 0.3125 wider (adds 0.72), 0.2 sharper (drops 1.22)
        INDArray v =
                Nd4j.createFromArray(new double[] {0.0, 0.5, 0.72, 0.9, 1.0, 1.1, 1.22, 1.5, 2.0});
        double t = Chi.DEFAULT_TOLERANCE;
        double chi = Chi.ofPotentials(v, 1.0, s, t);
        assertEquals(4 / 9.0, chi, 1e-12);
        assertEquals(5 / 9.0, Chi.ofPotentials(v, 1.0, wider, t), 1e-12);
        assertEquals(3 / 9.0, Chi.ofPotentials(v, 1.0, sharper, t), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ChiAdaptation.parse("0.5,0.1"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> ChiAdaptation.parse("0.1"))
                        .getMessage()
                        .contains("--chi-adapt"));
    }

    @Test
    void monitorQuartilesOfAKnownDistribution() {
        // v uniform on a grid 0 … 3.996 (1000 values in [250, 4] blocks): Q1 ≈ 1, median ≈ 2, Q3 ≈
        // 3
        PotentialMonitor m = new PotentialMonitor(1, Chi.DEFAULT_TOLERANCE);
        INDArray v = Nd4j.create(DataType.FLOAT, 250, 4);
        for (int i = 0; i < 1000; i++) v.putScalar(i, i * 0.004);
        AdaLi window = new AdaLi(0.5, 0.5);
        m.observe(0, v, 2.0, window, 0);
        double[] q = m.quartiles(0);
        assertEquals(1.0, q[0], 0.02);
        assertEquals(2.0, q[1], 0.02);
        assertEquals(3.0, q[2], 0.02);
        assertEquals(0.25, m.chi(0), 0.002, "[1.5, 2.5] holds a quarter of them");
        // the auto rule then gives L = θ − Q1 ≈ 1.0, R = Q3 − θ ≈ 1.0
        double[] w = AdaLiSchedule.parse("auto").autoWindow(2.0, q[0], q[2]);
        assertEquals(1.0, w[0], 0.02);
        assertEquals(1.0, w[1], 0.02);
    }

    @Test
    void bufferCountEqualsNd4jCountOnWholeArraysAndOffsetViews() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[40 * 37];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextDouble() * 4 - 1);
        x[5] = 1.25f; // exactly on a bound of [θ + lo, θ + hi] below: excluded by both counts
        INDArray whole = Nd4j.createFromArray(x).reshape(40, 37);
        Surrogate s = new FastSigmoid(1, 1);
        Surrogate.ActiveRange r = s.activeRange(Chi.DEFAULT_TOLERANCE);
        double theta = 1.25 - r.lo();
        INDArray rows =
                whole.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 31),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
        for (INDArray v : new INDArray[] {whole, rows}) {
            long expected =
                    Chi.count(
                                    v,
                                    org.nd4j.linalg.indexing.conditions.Conditions.lessThan(
                                            theta + r.hi()))
                            - Chi.count(
                                    v,
                                    org.nd4j.linalg.indexing.conditions.Conditions.lessThanOrEqual(
                                            theta + r.lo()));
            long byHand = 0;
            for (int i = 0; i < v.rows(); i++)
                for (int j = 0; j < v.columns(); j++) {
                    double d = v.getDouble(i, j);
                    if (d > theta + r.lo() && d < theta + r.hi()) byHand++;
                }
            assertEquals(byHand, expected);
            assertEquals(
                    byHand,
                    Chi.activeCount(v, theta, s, Chi.DEFAULT_TOLERANCE),
                    "rows " + v.rows());
        }
        assertEquals(7 * 37, rows.offset(), "the second case really is an offset view");
    }

    @Test
    void monitorSamplesTheSamePotentialsFromTheBufferAndThroughNd4j() {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] x = new float[150 * 77];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextGaussian() * 0.7 + 0.4);
        INDArray dense = Nd4j.createFromArray(x).reshape(150, 77);
        INDArray columnMajor =
                dense.dup('f'); // same values, not a dense row-major buffer: the ND4J path
        assertNotNull(Chi.contiguousFloats(dense));
        assertNull(Chi.contiguousFloats(columnMajor));
        PotentialMonitor a = new PotentialMonitor(1, Chi.DEFAULT_TOLERANCE),
                b = new PotentialMonitor(1, Chi.DEFAULT_TOLERANCE);
        Surrogate s = new FastSigmoid(1, 1);
        for (int batch = 0; batch < 5; batch++) {
            a.observe(0, dense, 1.0, s, batch);
            b.observe(0, columnMajor, 1.0, s, batch);
        }
        assertArrayEquals(b.quartiles(0), a.quartiles(0));
        assertEquals(b.chi(0), a.chi(0));
    }
}
