package dev.spikeforge.trainer.engine;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.TestNetworks;
import dev.spikeforge.trainer.loss.LossContext;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.loss.SpikeRateRegularizer;
import dev.spikeforge.trainer.network.LifLayer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Checks the hand-written backward pass against central finite differences, in double precision.
 * <p>With binary spikes the loss is piecewise constant in the hidden weights, so finite differences say nothing
 * there. Two checks cover the code instead: (1) the smooth mode, where the forward emits the surrogate's own
 * smooth step and the reset gradient is not detached, so the backward pass must be the exact gradient of a
 * differentiable network — this exercises every path: delays, current and voltage leaks, reset, bias, the
 * layer-to-layer matmuls and loss gradients on spikes; (2) the training mode, where the readout's parameters do not
 * affect any spike, so their gradient must be exact as well.
 */
class GradientCheckTest {
    private static final int STEPS = 7, BATCH = 3;
    private static final double H = 1e-6;

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void smoothNetworkGradientMatchesFiniteDifferences(Reset reset) {
        // γ = s makes the smooth step run from 0 to 1, like a spike; du < 1 and dv > 0 exercise both leaks.
        EngineOptions options = EngineOptions.smoothExact(new FastSigmoid(2.0, 2.0));
        LifNetwork net = TestNetworks.mlp(5, new int[]{4, 3}, 3, new FloatLif(0.3, 0.2, 1.0, reset), 2.0, 21, DataType.DOUBLE);
        perturbBiases(net, 22);
        List<LossTerm> loss = List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1));
        check(net, options, loss, false);
    }

    @Test
    void readoutGradientIsExactWithBinarySpikes() {
        EngineOptions options = EngineOptions.training(new FastSigmoid(1.0, 1.0));
        LifNetwork net = TestNetworks.mlp(5, new int[]{6}, 3,
                new FloatLif(1.0, 0.1, 1.0, Reset.TO_ZERO), 3.0, 31, DataType.DOUBLE);
        net = new LifNetwork(net.inputs(), List.of(net.layer(0),
                new LifLayer("readout", net.layer(1).weights(), net.layer(1).bias(),
                        new FloatLif(0.4, 0.1, 1.0, Reset.TO_ZERO), true)));
        perturbBiases(net, 32);
        check(net, options, List.of(new SoftmaxCrossEntropy(0.5)), true);
    }

    private static void perturbBiases(LifNetwork net, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (var layer : net.layers()) {
            INDArray b = layer.bias();
            for (int i = 0; i < b.length(); i++) b.putScalar(i, r.nextDouble(-0.3, 0.3));
        }
    }

    private static void check(LifNetwork net, EngineOptions options, List<LossTerm> loss, boolean readoutOnly) {
        BatchWorkspace ws = new BatchWorkspace(net, STEPS, BATCH);
        SplittableRandom r = new SplittableRandom(5);
        INDArray input = ws.input().all();
        for (int i = 0; i < input.length(); i++) input.putScalar(i, r.nextDouble());  // analog input: smooth in every weight
        int[] labels = {0, 2, 1};

        double base = lossAndGradient(net, ws, options, loss, labels);
        Gradients grads = new Gradients(net);
        BackwardPass.run(net, ws, grads, options);
        assertTrue(base > 0 && Double.isFinite(base));

        int checked = 0;
        for (int l = readoutOnly ? net.depth() - 1 : 0; l < net.depth(); l++) {
            checked += compare(net, ws, options, loss, labels, net.layer(l).weights(), grads.weights(l).dup(), "W" + l);
            checked += compare(net, ws, options, loss, labels, net.layer(l).bias(), grads.bias(l).dup(), "b" + l);
        }
        assertTrue(checked > 20);
    }

    private static int compare(LifNetwork net, BatchWorkspace ws, EngineOptions options, List<LossTerm> loss, int[] labels,
                               INDArray param, INDArray analytic, String name) {
        double maxAbs = 0;
        for (int i = 0; i < param.length(); i++) maxAbs = Math.max(maxAbs, Math.abs(analytic.getDouble(i)));
        assertTrue(maxAbs > 1e-6, name + ": gradient is all zero, the check would be vacuous");
        for (int i = 0; i < param.length(); i++) {
            double original = param.getDouble(i);
            param.putScalar(i, original + H);
            double plus = lossAndGradient(net, ws, options, loss, labels);
            param.putScalar(i, original - H);
            double minus = lossAndGradient(net, ws, options, loss, labels);
            param.putScalar(i, original);
            double numeric = (plus - minus) / (2 * H);
            double a = analytic.getDouble(i);
            assertEquals(numeric, a, 1e-6 + 1e-5 * Math.abs(numeric), name + "[" + i + "]");
        }
        return (int) param.length();
    }

    private static double lossAndGradient(LifNetwork net, BatchWorkspace ws, EngineOptions options, List<LossTerm> loss, int[] labels) {
        ForwardPass.run(net, ws, options);
        ws.clearGradients();
        LossContext ctx = new LossContext(ws, labels);
        double total = 0;
        for (LossTerm t : loss) total += t.accumulate(ctx);
        return total;
    }
}
