package dev.spikeforge.trainer.engine;

import static dev.spikeforge.trainer.engine.GradientCheckTest.BATCH;
import static dev.spikeforge.trainer.engine.GradientCheckTest.SMOOTH;
import static dev.spikeforge.trainer.engine.GradientCheckTest.STEPS;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.TestNetworks;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.loss.SpikeRateRegularizer;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.optim.Parameter;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.train.TrainableParameters;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dropout on hidden outputs: with a fixed mask the network is still a deterministic function, so
 * the backward pass must match finite differences; the masks themselves are per sample and unit,
 * constant over steps, scaled to mean 1.
 */
class DropoutTest {
    private static final double P = 0.4;
    private static final List<LossTerm> LOSS =
            List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1));
    private static final NeuronSpec NEURONS =
            new NeuronSpec(0.7, 0.2, 1.0, Reset.TO_ZERO, 0.1, true, true);

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    // The spike-rate regulariser puts dL/dz into the hidden layers' own gradient: it must not pass
    // through the mask,
    // only the part that comes back from the next layer does. A mix-up fails these checks.

    @Test
    void gradientOfDenseNetworkWithFixedMask() {
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 5, false),
                        List.of(new LayerSpec.Dense(4), new LayerSpec.Dense(3)),
                        3,
                        NEURONS,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        41,
                        DataType.DOUBLE);
        checkWithFixedMasks(net, false);
    }

    @Test
    void gradientOfRecurrentNetworkWithFixedMask() {
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 4, 3, true),
                        List.of(new LayerSpec.Recurrent(4), new LayerSpec.Recurrent(3)),
                        3,
                        NEURONS,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        42,
                        DataType.DOUBLE);
        checkWithFixedMasks(net, false);
    }

    @Test
    void gradientOfPooledConvNetworkOnConstantInputWithFixedMask() {
        // The mask covers the pooled map, the unit the next layer reads.
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 6, 6, false),
                        List.of(new LayerSpec.Conv(2, 3, 1, 2), new LayerSpec.Dense(3)),
                        3,
                        NEURONS,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        43,
                        DataType.DOUBLE);
        checkWithFixedMasks(net, true);
    }

    private static void checkWithFixedMasks(LifNetwork net, boolean constantInput) {
        BatchWorkspace ws = new BatchWorkspace(net, STEPS, BATCH, constantInput, true);
        DropoutMasks masks = new DropoutMasks(ws, P);
        fixedMasks(masks, 7);
        GradientCheckTest.check(ws, SMOOTH.withDropout(masks), LOSS, false);
    }

    /** Each mask a fixed pattern of 0 and 1/(1 − P), at least one of each per layer. */
    private static void fixedMasks(DropoutMasks masks, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int l = 0; l < masks.layers(); l++) {
            INDArray m = masks.mask(l);
            for (int i = 0; i < m.length(); i++)
                m.putScalar(
                        i,
                        i == 0 ? 0 : i == 1 ? 1 / (1 - P) : r.nextDouble() < P ? 0 : 1 / (1 - P));
        }
    }

    @Test
    void observedStepsOnlyGiveTheSameLossAndGradientsWithDropout() {
        EngineOptions full = EngineOptions.training(new FastSigmoid(1.0, 1.0));
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 6, false),
                        List.of(new LayerSpec.Dense(8), new LayerSpec.Dense(5)),
                        3,
                        NEURONS,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        3.0,
                        44,
                        DataType.DOUBLE);
        BatchWorkspace a = new BatchWorkspace(net, STEPS, BATCH, false, true),
                b = new BatchWorkspace(net, STEPS, BATCH, false, true);
        DropoutMasks ma = new DropoutMasks(a, P), mb = new DropoutMasks(b, P);
        for (int l = 0; l < 2; l++) {
            ma.refill(l, 100 + l);
            mb.refill(l, 100 + l);
        }
        fill(a.input().array(), 6);
        b.input().array().assign(a.input().array());
        List<LossTerm> loss = List.of(new SoftmaxCrossEntropy(0.7));
        int[] labels = {0, 2, 1};
        EngineOptions oa = full.withDropout(ma),
                ob = full.withObservedStepsOnly(true).withDropout(mb);
        assertEquals(
                GradientCheckTest.lossAndGradient(a, oa, loss, labels),
                GradientCheckTest.lossAndGradient(b, ob, loss, labels),
                1e-12);
        Gradients ga = new Gradients(net), gb = new Gradients(net);
        BackwardPass.run(a, ga, oa);
        BackwardPass.run(b, gb, ob);
        List<Parameter> pa = TrainableParameters.of(net, ga), pb = TrainableParameters.of(net, gb);
        for (int i = 0; i < pa.size(); i++)
            assertTrue(
                    pa.get(i).gradient().equalsWithEps(pb.get(i).gradient(), 1e-12),
                    pa.get(i).name());
    }

    @Test
    void maskIsPerSampleAndUnitConstantOverStepsWithMeanOne() {
        double p = 0.3;
        int hidden = 1500, batch = 64, steps = 4;
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 20, false),
                        List.of(new LayerSpec.Dense(hidden)),
                        3,
                        NEURONS,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        20.0,
                        45,
                        DataType.FLOAT);
        BatchWorkspace ws = new BatchWorkspace(net, steps, batch, false, true);
        DropoutMasks masks = new DropoutMasks(ws, p);
        masks.refill(0, 12345);
        INDArray m = masks.mask(0);
        assertArrayEquals(new long[] {batch, hidden}, m.shape());
        long dropped = 0, kept = 0;
        double sum = 0;
        float keptValue = (float) (1 / (1 - p));
        for (int i = 0; i < m.length(); i++) {
            float v = m.getFloat(i);
            if (v == 0) dropped++;
            else if (v == keptValue) kept++;
            else fail("mask value " + v + " is neither 0 nor 1/(1-P)");
            sum += v;
        }
        // 96 000 draws: the share's standard deviation is sqrt(0.21/96000) = 0.0015, the mean's
        // 0.0022.
        assertEquals(p, dropped / (double) m.length(), 0.008, "drop share");
        assertEquals(1.0, sum / m.length(), 0.012, "mean after scaling");
        assertEquals(m.length(), dropped + kept);

        INDArray first = m.dup();
        masks.refill(0, 12345);
        assertEquals(first, masks.mask(0), "the same seed draws the same mask");
        masks.refill(0, 12346);
        assertNotEquals(first, masks.mask(0), "another seed another mask");
        masks.refill(0, 12345);

        // Forward: what the next layer reads is the output times the same mask on every step; the
        // spikes stay.
        fill(ws.input().array(), 8);
        ForwardPass.run(ws, EngineOptions.training(new FastSigmoid(1.0, 1.0)).withDropout(masks));
        LayerBuffers b = ws.layer(0);
        double spikes = b.spikes().all().sumNumber().doubleValue();
        assertTrue(
                spikes > 0.05 * b.spikes().all().length(),
                "the layer fires (" + spikes + " spikes)");
        for (int t = 0; t < steps; t++)
            assertEquals(b.output().at(t).mul(first), b.next().at(t), "step " + t);
        assertEquals(spikes, b.spikes().all().sumNumber().doubleValue(), 0.0);
        // A dropped unit of a sample is silent on every step though it spikes.
        boolean droppedSpiker = false;
        for (int s = 0; s < batch && !droppedSpiker; s++) {
            for (int j = 0; j < hidden && !droppedSpiker; j++) {
                if (first.getFloat(s, j) != 0) continue;
                double out = 0, z = 0;
                for (int t = 0; t < steps; t++) {
                    out += Math.abs(b.next().at(t).getFloat(s, j));
                    z += b.spikes().at(t).getFloat(s, j);
                }
                assertEquals(0.0, out, 0.0);
                droppedSpiker = z > 0;
            }
        }
        assertTrue(droppedSpiker, "some dropped unit spiked");

        // Without masks (e.g. bias pre-tuning on the training workspace) the next layer reads the
        // output unchanged.
        ForwardPass.run(ws, EngineOptions.training(new FastSigmoid(1.0, 1.0)));
        assertEquals(b.output().all(), b.next().all());
    }

    @Test
    void withoutDropoutNothingIsAddedAndAllOnesMasksChangeNothing() {
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 6, 6, false),
                        List.of(new LayerSpec.Conv(2, 3, 1, 2), new LayerSpec.Dense(5)),
                        3,
                        NEURONS,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        3.0,
                        46,
                        DataType.FLOAT);
        BatchWorkspace plain = new BatchWorkspace(net, STEPS, BATCH, false, false);
        for (int l = 0; l < plain.depth(); l++) {
            assertFalse(plain.layer(l).dropsOut());
            assertSame(
                    plain.layer(l).output(),
                    plain.layer(l).next(),
                    "no extra buffer without dropout");
        }
        // The masking path itself is exact: masks of ones give bit-identical loss and gradients.
        BatchWorkspace ones = new BatchWorkspace(net, STEPS, BATCH, false, true);
        DropoutMasks masks = new DropoutMasks(ones, P);
        for (int l = 0; l < masks.layers(); l++) masks.mask(l).assign(1);
        fill(plain.input().array(), 9);
        ones.input().array().assign(plain.input().array());
        EngineOptions base = EngineOptions.training(new FastSigmoid(1.0, 1.0));
        int[] labels = {1, 0, 2};
        assertEquals(
                GradientCheckTest.lossAndGradient(plain, base, LOSS, labels),
                GradientCheckTest.lossAndGradient(ones, base.withDropout(masks), LOSS, labels),
                0.0);
        Gradients ga = new Gradients(net), gb = new Gradients(net);
        BackwardPass.run(plain, ga, base);
        BackwardPass.run(ones, gb, base.withDropout(masks));
        List<Parameter> pa = TrainableParameters.of(net, ga), pb = TrainableParameters.of(net, gb);
        for (int i = 0; i < pa.size(); i++)
            assertEquals(pa.get(i).gradient(), pb.get(i).gradient(), pa.get(i).name());
    }

    private static void fill(INDArray a, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < a.length(); i++) a.putScalar(i, r.nextDouble() * 2);
    }
}
