package dev.spikeforge.trainer.surrogate;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.trainer.engine.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FastSigmoidTest {
    private static final double H = 1e-6;

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @Test
    void derivativeIsTheDerivativeOfItsValue() {
        FastSigmoid s = new FastSigmoid(1.5, 3.0);
        double[] xs = {-2, -0.4, -0.05, 0.03, 0.3, 1.7};
        INDArray d =
                s.derivative(Nd4j.createFromArray(xs), Nd4j.create(DataType.DOUBLE, xs.length));
        for (int i = 0; i < xs.length; i++) {
            double numeric = (value(s, xs[i] + H) - value(s, xs[i] - H)) / (2 * H);
            assertEquals(numeric, d.getDouble(i), 1e-7);
            assertEquals(s.derivative(xs[i]), d.getDouble(i), 1e-12);
        }
        assertEquals(1.5, s.derivative(0.0), 0, "peak γ at threshold");
        assertEquals(0.0, value(s, -1e9), 1e-6);
        assertEquals(1.5 / 3.0, value(s, 1e9), 1e-6, "area γ/s");
    }

    private static double value(Surrogate s, double x) {
        return s.value(Nd4j.createFromArray(x), Nd4j.create(DataType.DOUBLE, 1)).getDouble(0);
    }

    @Test
    void specRoundTrips() {
        Surrogate s = new FastSigmoid(0.5, 2.0);
        assertEquals("fast-sigmoid", s.spec().getShape());
        assertEquals(s, Surrogate.fromSpec(s.spec()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Surrogate.fromSpec(s.spec().toBuilder().setShape("boxcar").build()));
    }
}
