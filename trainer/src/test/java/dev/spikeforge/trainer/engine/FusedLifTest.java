package dev.spikeforge.trainer.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.TestNetworks;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.optim.Parameter;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.surrogate.Gaussian;
import dev.spikeforge.trainer.surrogate.Surrogate;
import dev.spikeforge.trainer.train.TrainableParameters;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused float kernels ({@link FusedLif}, training and evaluation) against the ND4J form that
 * double precision runs: the same network in float and in double gives the same spikes and, up to
 * float rounding, the same potentials and gradients, on one kernel thread and on three.
 */
class FusedLifTest {
    private static final int STEPS = 8, BATCH = 5;

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @ParameterizedTest
    @CsvSource({
        "TO_ZERO, 1.0, 1, fast",
        "BY_SUBTRACTION, 0.7, 3, fast",
        "TO_ZERO, 0.6, 3, gaussian"
    })
    void floatKernelsMatchTheDoubleForm(Reset reset, double du, int threads, String shape) {
        NeuronSpec neurons = new NeuronSpec(du, 0.2, 1.0, reset, 0.1, false, false);
        List<LayerSpec> layers =
                List.of(
                        new LayerSpec.Conv(3, 3, 1, 2),
                        new LayerSpec.Conv(4, 3, 1, 2, 1),
                        new LayerSpec.Dense(9, List.of()));
        LifNetwork single =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, false),
                        layers,
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        41,
                        DataType.FLOAT);
        LifNetwork twin =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, false),
                        layers,
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.5,
                        41,
                        DataType.DOUBLE);
        Surrogate surrogate =
                shape.equals("fast") ? new FastSigmoid(1.0, 1.0) : new Gaussian(1.0, 1.5);
        EngineOptions options = EngineOptions.training(surrogate);
        BatchWorkspace f = new BatchWorkspace(single, STEPS, BATCH),
                d = new BatchWorkspace(twin, STEPS, BATCH);
        SplittableRandom r = new SplittableRandom(3);
        INDArray in = d.input().array();
        for (int i = 0; i < in.length(); i++) in.putScalar(i, r.nextInt(4) == 0 ? 1.0 : 0.0);
        f.input().array().assign(in);
        int[] labels = {0, 2, 1, 1, 0};
        KernelThreads.configure(threads);
        try {
            double lf =
                    GradientCheckTest.lossAndGradient(
                            f, options, List.of(new SoftmaxCrossEntropy(0.5)), labels);
            double ld =
                    GradientCheckTest.lossAndGradient(
                            d, options, List.of(new SoftmaxCrossEntropy(0.5)), labels);
            long spikes = 0;
            for (int l = 0; l < single.spikingLayers(); l++) {
                assertEquals(
                        d.layer(l).spikes().all().castTo(DataType.FLOAT),
                        f.layer(l).spikes().all(),
                        "spikes of layer " + l);
                spikes += (long) f.layer(l).spikes().all().sumNumber().doubleValue();
                assertTrue(
                        f.layer(l)
                                .potential()
                                .all()
                                .equalsWithEps(
                                        d.layer(l).potential().all().castTo(DataType.FLOAT), 1e-4),
                        "potentials of layer " + l);
            }
            assertTrue(spikes > 50, "the layers spike: " + spikes);
            assertEquals(ld, lf, 1e-4 * Math.abs(ld));
            Gradients gf = new Gradients(single), gd = new Gradients(twin);
            BackwardPass.run(f, gf, options);
            BackwardPass.run(d, gd, options);
            List<Parameter> pf = TrainableParameters.of(single, gf),
                    pd = TrainableParameters.of(twin, gd);
            for (int i = 0; i < pf.size(); i++) {
                INDArray a = pf.get(i).gradient(), b = pd.get(i).gradient().castTo(DataType.FLOAT);
                double scale = Math.max(1e-3, b.amaxNumber().doubleValue());
                assertTrue(
                        a.sub(b).amaxNumber().doubleValue() < 1e-4 * scale,
                        pf.get(i).name() + ": " + a + " vs " + b);
            }
        } finally {
            KernelThreads.configure(2);
        }
    }
}
