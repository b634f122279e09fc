package dev.spikeforge.trainer.optim;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.trainer.engine.Nd4jRuntime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {
    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @Test
    void adamTakesBiasCorrectedStepsOfTheLearningRate() {
        INDArray w = Nd4j.createFromArray(1.0, -2.0), g = Nd4j.createFromArray(0.5, -3.0);
        Adam adam = new Adam(List.of(new Parameter("w", w, g)), 0.9, 0.999, 1e-12);
        adam.step(0.1);
        // First step: m̂ = g, v̂ = g², so every weight moves by lr against its gradient's sign.
        assertArrayEquals(new double[] {0.9, -1.9}, w.toDoubleVector(), 1e-9);
        assertEquals(1, adam.steps());
        assertEquals(2, adam.state().size());
    }

    @Test
    void adamwDecaysWeightsButNotBiases() {
        INDArray w = Nd4j.createFromArray(2.0), b = Nd4j.createFromArray(2.0);
        INDArray gw = Nd4j.createFromArray(0.0), gb = Nd4j.createFromArray(0.0);
        Adam adamw =
                new Adam(
                        List.of(
                                new Parameter("w", w, gw, Parameter.Role.WEIGHT),
                                new Parameter("b", b, gb, Parameter.Role.BIAS)),
                        0.9,
                        0.999,
                        1e-8,
                        0.5);
        adamw.step(0.1);
        assertEquals(
                2.0 * (1 - 0.1 * 0.5),
                w.getDouble(0),
                1e-12,
                "decoupled decay: w shrinks by lr·wd·w with zero gradient");
        assertEquals(2.0, b.getDouble(0), 0);
    }

    @Test
    void clippingScalesAllGradientsToTheMaxNorm() {
        INDArray g1 = Nd4j.createFromArray(3.0f), g2 = Nd4j.createFromArray(4.0f);
        GradientClipper clip =
                new GradientClipper(
                        List.of(
                                new Parameter("a", Nd4j.zeros(DataType.FLOAT, 1), g1),
                                new Parameter("b", Nd4j.zeros(DataType.FLOAT, 1), g2)),
                        1.0);
        assertEquals(5.0, clip.clip(), 1e-6);
        assertEquals(0.6, g1.getDouble(0), 1e-6);
        assertEquals(0.8, g2.getDouble(0), 1e-6);
        assertEquals(1.0, clip.clip(), 1e-6, "within the norm: unchanged");
    }
}
