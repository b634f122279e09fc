package dev.spikeforge.trainer.adapt;

import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.surrogate.Rectangular;
import dev.spikeforge.trainer.surrogate.ShapedSurrogate;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.surrogate.SurrogateShapes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ChiTest {
    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @Test
    void countedOnAHandBuiltGradient() {
        // peak 0.5, tolerance 1e-3 of it = 5e-4: the entries above it are 0.5, 0.01, 6e-4, −0.2 → 4 of 10
        INDArray g = Nd4j.createFromArray(new float[]{0.5f, 0.01f, 6e-4f, 5e-4f, 4e-4f, 0f, 0f, -0.2f, 1e-7f, 0f});
        assertEquals(0.4, Chi.ofGradient(g, 0.5), 1e-12);
    }

    @Test
    void fastSigmoidToleranceRadius() {
        // γ/(1 + 2s|x|)² > 1e-3·γ ⇔ |x| < (√1000 − 1)/(2s) = 15.311…/s; with s = 4: 3.8278
        FastSigmoid s = new FastSigmoid(1.0, 4.0);
        assertEquals((Math.sqrt(1000) - 1) / 8, s.activeRange(Chi.TOLERANCE).hi(), 1e-12);
        // θ = 1: potentials 1 ± 3.8 count, 1 ± 3.9 do not
        INDArray v = Nd4j.createFromArray(new double[][]{{1 - 3.8, 1 + 3.8, 1 - 3.9}, {1 + 3.9, 1, 50}});
        assertEquals(3, Chi.activeCount(v, 1.0, s));
        assertEquals(0.5, Chi.ofPotentials(v, 1.0, s), 1e-12);
    }

    @Test
    void potentialCountAgreesWithTheGradientCountForEveryShape() {
        SplittableRandom r = new SplittableRandom(7);
        INDArray v = Nd4j.create(DataType.DOUBLE, 40, 25);
        for (int i = 0; i < v.length(); i++) v.putScalar(i, 1.0 + 4 * r.nextGaussian());
        double theta = 1.0;
        for (String shape : SurrogateShapes.NAMES) {
            ShapedSurrogate s = SurrogateShapes.create(shape, 0.8, 2.5, 3);
            assertChiAgrees(v, theta, s);
        }
        assertChiAgrees(v, theta, new AdaLi(0.9, 0.4));
    }

    private static void assertChiAgrees(INDArray v, double theta, Surrogate s) {
        INDArray grad = s.derivative(v.sub(theta), Nd4j.create(DataType.DOUBLE, v.shape()));
        double direct = Chi.ofGradient(grad, s.peak());
        assertEquals(direct, Chi.ofPotentials(v, theta, s), 1e-12, s.describe());
        assertTrue(direct > 0 && direct < 1, s.describe() + " chi " + direct + " should be strictly between 0 and 1 here");
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
        INDArray v = Nd4j.createFromArray(new double[]{0.0, 0.5, 0.72, 0.9, 1.0, 1.1, 1.22, 1.5, 2.0});
        double chi = Chi.ofPotentials(v, 1.0, s);
        assertEquals(4 / 9.0, chi, 1e-12);
        assertEquals(5 / 9.0, Chi.ofPotentials(v, 1.0, wider), 1e-12);
        assertEquals(3 / 9.0, Chi.ofPotentials(v, 1.0, sharper), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ChiAdaptation.parse("0.5,0.1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChiAdaptation.parse("0.1")).getMessage().contains("--chi-adapt"));
    }

    @Test
    void monitorQuartilesOfAKnownDistribution() {
        // v uniform on a grid 0 … 3.996 (1000 values in [250, 4] blocks): Q1 ≈ 1, median ≈ 2, Q3 ≈ 3
        PotentialMonitor m = new PotentialMonitor(1);
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
}
