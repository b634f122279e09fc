package dev.spikeforge.trainer.hybrid;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ErrorDiffusionTest {

    @Test
    void aConstantRateGivesTheExactSpikeCountOverNSteps() {
        // dt = 1: binary spikes. v0 = 0.25, r = 0.3, N = 50: the counts sum to floor(0.25 + 15) =
        // 15, and every prefix
        // of t steps holds floor(0.25 + 0.3·t) spikes.
        double[] out = ErrorDiffusion.run(0.3, 1, 0.25, 50);
        int total = 0;
        for (int t = 0; t < out.length; t++) {
            assertTrue(out[t] == 0 || out[t] == 1, "binary at dt = 1");
            total += (int) out[t];
            assertEquals(
                    (int) Math.floor(0.25 + 0.3 * (t + 1) + 1e-12),
                    total,
                    "after " + (t + 1) + " steps");
        }
        assertEquals(15, total);
        // dt = 8: levels of 1/8; the outputs sum to floor(v0 + N·r·dt)/dt = floor(0.25 + 120)/8 =
        // 15
        double sum = 0;
        for (double q : ErrorDiffusion.run(0.3, 8, 0.25, 50)) {
            assertEquals(0, (q * 8) % 1, 1e-12, "a multiple of 1/dt: " + q);
            sum += q;
        }
        assertEquals(120 / 8.0, sum, 1e-12);
    }

    @Test
    void theArrayFormMatchesTheScalarFormNeuronByNeuron() {
        int n = 6, steps = 40;
        double dt = 4;
        ErrorDiffusion ed = new ErrorDiffusion();
        INDArray r =
                Nd4j.create(new float[] {0f, 0.1f, 0.37f, 0.5f, 0.93f, 1f}, new long[] {1, n}, 'c');
        INDArray out = Nd4j.create(DataType.FLOAT, 1, n);
        ed.reset(out, new SplittableRandom(5));
        SplittableRandom same = new SplittableRandom(5);
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) v0[i] = (float) same.nextDouble();
        double[] sums = new double[n];
        for (int t = 0; t < steps; t++) {
            ed.step(r, dt, out);
            for (int i = 0; i < n; i++) sums[i] += out.getDouble(0, i);
        }
        for (int i = 0; i < n; i++) {
            double expected = 0;
            for (double q : ErrorDiffusion.run(r.getDouble(0, i), dt, v0[i], steps)) expected += q;
            assertEquals(expected, sums[i], 1e-5, "neuron " + i);
            assertEquals(
                    Math.floor(v0[i] + steps * r.getDouble(0, i) * dt + 1e-6) / dt,
                    sums[i],
                    1e-5,
                    "exact count, neuron " + i);
        }
    }

    @Test
    void theScheduleAnnealsToBinarySpikesForTheLastEpochs() {
        HybridSchedule halving = new HybridSchedule(16, HybridSchedule.Kind.HALVING, 2);
        int[] expected = {16, 8, 4, 2, 1, 1, 1, 1};
        for (int e = 1; e <= 8; e++)
            assertEquals(expected[e - 1], halving.levels(e, 8), "epoch " + e);
        HybridSchedule shortRun = new HybridSchedule(64, HybridSchedule.Kind.HALVING, 1);
        assertEquals(64, shortRun.levels(1, 3));
        assertEquals(
                1,
                shortRun.levels(3, 3),
                "the last epoch spikes even when halving has not reached 1");
        HybridSchedule geometric = new HybridSchedule(16, HybridSchedule.Kind.GEOMETRIC, 1);
        // 4 hybrid epochs of 5: 16^(1, 3/4, 1/2, 1/4) = 16, 8, 4, 2, then 1
        int[] g = {16, 8, 4, 2, 1};
        for (int e = 1; e <= 5; e++) assertEquals(g[e - 1], geometric.levels(e, 5), "epoch " + e);
    }
}
