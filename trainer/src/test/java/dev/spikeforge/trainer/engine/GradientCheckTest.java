package dev.spikeforge.trainer.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.TestNetworks;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import dev.spikeforge.trainer.loss.LossContext;
import dev.spikeforge.trainer.loss.LossTerm;
import dev.spikeforge.trainer.loss.SoftmaxCrossEntropy;
import dev.spikeforge.trainer.loss.SpikeRateRegularizer;
import dev.spikeforge.trainer.network.DenseLayer;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.LifParameters;
import dev.spikeforge.trainer.optim.Parameter;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.surrogate.LayerSurrogates;
import dev.spikeforge.trainer.surrogate.ShapedSurrogate;
import dev.spikeforge.trainer.surrogate.SurrogateShapes;
import dev.spikeforge.trainer.train.TrainableParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks the hand-written backward pass against central finite differences, in double precision,
 * for every trainable array (weights, recurrent weights, biases, learned leaks and thresholds) of
 * dense, recurrent and conv networks, with the one-step delays in place.
 *
 * <p>With binary spikes the loss is piecewise constant in the hidden weights, so finite differences
 * say nothing there. Two checks cover the code instead: (1) the smooth mode, where the forward
 * emits the surrogate's own smooth step and the reset gradient is not detached, so the backward
 * pass must be the exact gradient of a differentiable network — this exercises every path: delays,
 * current and voltage leaks, reset, bias, recurrence, convolution, pooling, the layer-to-layer
 * connections and loss gradients on spikes; (2) the training mode, where the readout's parameters
 * do not affect any spike, so their gradient must be exact as well.
 */
class GradientCheckTest {
    static final int STEPS = 7, BATCH = 3;
    private static final double H = 1e-6;
    // γ = s makes the smooth step run from 0 to 1, like a spike.
    static final EngineOptions SMOOTH = EngineOptions.smoothExact(new FastSigmoid(2.0, 2.0));

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void denseNetwork(Reset reset) {
        // du < 1 and dv > 0 exercise both leaks; learned leaks and thresholds add their own
        // gradients.
        NeuronSpec neurons = new NeuronSpec(0.7, 0.2, 1.0, reset, 0.1, true, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 5, false),
                        List.of(new LayerSpec.Dense(4), new LayerSpec.Dense(3)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        21,
                        DataType.DOUBLE);
        check(
                net,
                false,
                SMOOTH,
                List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1)),
                false);
    }

    @Test
    void denseNetworkOnConstantInput() {
        NeuronSpec neurons = new NeuronSpec(0.5, 0.1, 1.0, Reset.TO_ZERO, 0.0, true, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 5, false),
                        List.of(new LayerSpec.Dense(4)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        22,
                        DataType.DOUBLE);
        check(net, true, SMOOTH, List.of(new SoftmaxCrossEntropy(0.7)), false);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void recurrentNetwork(Reset reset) {
        NeuronSpec neurons = new NeuronSpec(0.6, 0.2, 1.0, reset, 0.1, true, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 4, 3, true),
                        List.of(new LayerSpec.Recurrent(4), new LayerSpec.Recurrent(3)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        23,
                        DataType.DOUBLE);
        check(
                net,
                false,
                SMOOTH,
                List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1)),
                false);
    }

    @Test
    void recurrentNetworkWithoutCurrentMemory() {
        // du = 1: dL/da is dL/dṽ itself, the path the engine takes without a separate current
        // buffer.
        NeuronSpec neurons = new NeuronSpec(1.0, 0.2, 1.0, Reset.TO_ZERO, 0.1, false, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 4, 3, true),
                        List.of(new LayerSpec.Recurrent(5)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        24,
                        DataType.DOUBLE);
        check(net, false, SMOOTH, List.of(new SoftmaxCrossEntropy(0.7)), false);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void convNetworkWithPooling(Reset reset) {
        NeuronSpec neurons = new NeuronSpec(0.8, 0.2, 1.0, reset, 0.1, true, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 6, 6, false),
                        List.of(
                                new LayerSpec.Conv(2, 3, 1, 2),
                                new LayerSpec.Conv(2, 3, 1, 1),
                                new LayerSpec.Conv(2, 2, 0, 1)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        25,
                        DataType.DOUBLE);
        check(
                net,
                false,
                SMOOTH,
                List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1)),
                false);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void stridedConvNetwork(Reset reset) {
        // Stride 2 with padding (7x7 -> 4x4), then stride 2 where the map's last row and column are
        // never read
        // (4x4, kernel 1, no padding -> 2x2), then a stride-1 conv with pooling: every stride path
        // and its adjoint.
        NeuronSpec neurons = new NeuronSpec(0.8, 0.2, 1.0, reset, 0.1, true, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 7, 7, false),
                        List.of(
                                new LayerSpec.Conv(2, 3, 1, 2, 1),
                                new LayerSpec.Conv(3, 1, 0, 2, 1),
                                new LayerSpec.Conv(2, 2, 1, 1, 3)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        33,
                        DataType.DOUBLE);
        check(
                net,
                false,
                SMOOTH,
                List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1)),
                false);
    }

    @Test
    void stridedConvNetworkOnConstantInput() {
        NeuronSpec neurons = new NeuronSpec(1.0, 0.2, 1.0, Reset.TO_ZERO, 0.0, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 8, 8, false),
                        List.of(new LayerSpec.Conv(2, 3, 1, 2, 1), new LayerSpec.Dense(3)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        34,
                        DataType.DOUBLE);
        check(net, true, SMOOTH, List.of(new SoftmaxCrossEntropy(0.7)), false);
    }

    @ParameterizedTest
    @EnumSource(Reset.class)
    void residualBlock(Reset reset) {
        // Stem, a SEW block of two convs whose output is summed with the block input (twice: the
        // second block's
        // first conv reads the sum too), a dense layer reading all three: every gradient through
        // the sums.
        NeuronSpec neurons = new NeuronSpec(0.8, 0.2, 1.0, reset, 0.1, true, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 6, 6, false),
                        List.of(
                                new LayerSpec.Conv(2, 3, 1, 2),
                                new LayerSpec.Conv(2, 3, 1, 1),
                                new LayerSpec.Conv(2, 3, 1, 1),
                                new LayerSpec.Conv(2, 3, 1, 1, 1, List.of(2, 0)),
                                new LayerSpec.Conv(2, 3, 1, 1),
                                new LayerSpec.Dense(3, List.of(4, 2, 0))),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        35,
                        DataType.DOUBLE);
        check(
                net,
                false,
                SMOOTH,
                List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1)),
                false);
    }

    @Test
    void layerThatAlsoReadsTheConstantInput() {
        NeuronSpec neurons = new NeuronSpec(0.6, 0.2, 1.0, Reset.TO_ZERO, 0.0, true, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 5, false),
                        List.of(new LayerSpec.Dense(5), new LayerSpec.Dense(4, List.of(-1, 0))),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        36,
                        DataType.DOUBLE);
        check(net, true, SMOOTH, List.of(new SoftmaxCrossEntropy(0.7)), false);
    }

    @Test
    void convNetworkOnConstantInput() {
        NeuronSpec neurons = new NeuronSpec(1.0, 0.2, 1.0, Reset.TO_ZERO, 0.0, false, false);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 6, 6, false),
                        List.of(new LayerSpec.Conv(2, 3, 0, 2), new LayerSpec.Dense(3)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        26,
                        DataType.DOUBLE);
        check(net, true, SMOOTH, List.of(new SoftmaxCrossEntropy(0.7)), false);
    }

    @ParameterizedTest
    @EnumSource(
            value = ScoreMode.class,
            names = {"SCORE_MAX_POTENTIAL", "SCORE_MEAN_POTENTIAL", "SCORE_SPIKE_COUNT"})
    void scoreModes(ScoreMode mode) {
        NeuronSpec neurons = new NeuronSpec(0.7, 0.2, 1.0, Reset.TO_ZERO, 0.1, true, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 5, false),
                        List.of(new LayerSpec.Dense(4)),
                        3,
                        neurons,
                        mode,
                        2.0,
                        27,
                        DataType.DOUBLE);
        check(net, false, SMOOTH, List.of(new SoftmaxCrossEntropy(0.7)), false);
    }

    @Test
    void readoutGradientIsExactWithBinarySpikes() {
        EngineOptions options = EngineOptions.training(new FastSigmoid(1.0, 1.0));
        LifNetwork net =
                TestNetworks.mlp(
                        5,
                        new int[] {6},
                        3,
                        new FloatLif(1.0, 0.1, 1.0, Reset.TO_ZERO),
                        3.0,
                        31,
                        DataType.DOUBLE);
        Layer readout = net.layer(1);
        net =
                new LifNetwork(
                        net.inputs(),
                        List.of(
                                net.layer(0),
                                new DenseLayer(
                                        "readout",
                                        readout.weights(),
                                        readout.bias(),
                                        new LifParameters(
                                                new FloatLif(0.4, 0.1, 1.0, Reset.TO_ZERO),
                                                true,
                                                false,
                                                DataType.DOUBLE),
                                        true)));
        check(net, false, options, List.of(new SoftmaxCrossEntropy(0.5)), true);
    }

    @Test
    void observedStepsOnlyGiveTheSameLossAndGradients() {
        EngineOptions full = EngineOptions.training(new FastSigmoid(1.0, 1.0)),
                observed = full.withObservedStepsOnly(true);
        NeuronSpec neurons = new NeuronSpec(0.7, 0.2, 1.0, Reset.TO_ZERO, 0.1, true, true);
        List<LifNetwork> nets =
                List.of(
                        TestNetworks.network(
                                new InputGeometry(1, 6, 6, false),
                                List.of(new LayerSpec.Conv(3, 3, 1, 2), new LayerSpec.Dense(5)),
                                3,
                                neurons,
                                ScoreMode.SCORE_FINAL_POTENTIAL,
                                3.0,
                                28,
                                DataType.DOUBLE),
                        TestNetworks.network(
                                new InputGeometry(1, 4, 3, true),
                                List.of(new LayerSpec.Recurrent(6), new LayerSpec.Dense(5)),
                                3,
                                neurons,
                                ScoreMode.SCORE_MEAN_POTENTIAL,
                                3.0,
                                29,
                                DataType.DOUBLE),
                        // the stem reaches the output in 2 connections past the block (3 through
                        // it): it runs T - 2 steps
                        ForwardPassTest.residualConvNetwork(neurons, 30, DataType.DOUBLE));
        for (LifNetwork net : nets) {
            BatchWorkspace a = new BatchWorkspace(net, STEPS, BATCH),
                    b = new BatchWorkspace(net, STEPS, BATCH);
            SplittableRandom r = new SplittableRandom(6);
            INDArray in = a.input().array();
            for (int i = 0; i < in.length(); i++) in.putScalar(i, r.nextDouble() * 2);
            b.input().array().assign(in);
            List<LossTerm> loss = List.of(new SoftmaxCrossEntropy(0.7));
            int[] labels = {0, 2, 1};
            assertEquals(
                    lossAndGradient(a, full, loss, labels),
                    lossAndGradient(b, observed, loss, labels),
                    1e-12);
            Gradients ga = new Gradients(net), gb = new Gradients(net);
            BackwardPass.run(a, ga, full);
            BackwardPass.run(b, gb, observed);
            List<Parameter> pa = TrainableParameters.of(net, ga),
                    pb = TrainableParameters.of(net, gb);
            for (int i = 0; i < pa.size(); i++) {
                assertTrue(
                        pa.get(i).gradient().equalsWithEps(pb.get(i).gradient(), 1e-12),
                        pa.get(i).name());
            }
            assertTrue(b.layer(0, observed).steps() < STEPS, "the first layer ran fewer steps");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "gaussian", "q-pseudospike"})
    void otherShapesPerLayer(String shape) {
        // Each hidden layer its own surrogate (as AdaLi and chi adaptation leave them): the first
        // the given shape,
        // the second the same shape widened, so a mix-up between layers changes the gradient.
        NeuronSpec neurons = new NeuronSpec(0.7, 0.2, 1.0, Reset.TO_ZERO, 0.1, true, true);
        LifNetwork net =
                TestNetworks.network(
                        new InputGeometry(1, 1, 5, false),
                        List.of(new LayerSpec.Dense(4), new LayerSpec.Recurrent(3)),
                        3,
                        neurons,
                        ScoreMode.SCORE_FINAL_POTENTIAL,
                        2.0,
                        32,
                        DataType.DOUBLE);
        ShapedSurrogate first = SurrogateShapes.create(shape, 1.0, 1.0, 3.0);
        LayerSurrogates perLayer = new LayerSurrogates(net.layers().subList(0, 2), first);
        perLayer.set(1, first.widened(1.6));
        check(
                net,
                false,
                SMOOTH.withLayerSurrogates(perLayer),
                List.of(new SoftmaxCrossEntropy(0.7), new SpikeRateRegularizer(0.5, 0.1)),
                false);
    }

    private static void check(
            LifNetwork net,
            boolean constantInput,
            EngineOptions options,
            List<LossTerm> loss,
            boolean readoutOnly) {
        check(new BatchWorkspace(net, STEPS, BATCH, constantInput), options, loss, readoutOnly);
    }

    /**
     * Random biases and input, then every trainable array of ws's network against finite
     * differences.
     */
    static void check(
            BatchWorkspace ws, EngineOptions options, List<LossTerm> loss, boolean readoutOnly) {
        LifNetwork net = ws.network();
        SplittableRandom r = new SplittableRandom(5);
        for (Layer layer : net.layers()) {
            INDArray b = layer.bias();
            for (int i = 0; i < b.length(); i++) b.putScalar(i, r.nextDouble(-0.3, 0.3));
        }
        INDArray input = ws.input().array();
        for (int i = 0; i < input.length(); i++)
            input.putScalar(i, r.nextDouble()); // analog input: smooth in every weight
        int[] labels = {0, 2, 1};

        double base = lossAndGradient(ws, options, loss, labels);
        Gradients grads = new Gradients(net);
        BackwardPass.run(ws, grads, options);
        assertTrue(base > 0 && Double.isFinite(base));

        List<Parameter> params = new ArrayList<>(TrainableParameters.of(net, grads));
        if (readoutOnly) params.removeIf(p -> !p.name().startsWith("readout"));
        int checked = 0;
        for (Parameter p : params)
            checked += compare(ws, options, loss, labels, p.value(), p.gradient().dup(), p.name());
        assertTrue(checked > 20);
    }

    private static int compare(
            BatchWorkspace ws,
            EngineOptions options,
            List<LossTerm> loss,
            int[] labels,
            INDArray param,
            INDArray analytic,
            String name) {
        double maxAbs = 0;
        for (int i = 0; i < param.length(); i++)
            maxAbs = Math.max(maxAbs, Math.abs(analytic.getDouble(i)));
        assertTrue(
                maxAbs > 1e-6 || name.endsWith(".du"),
                name + ": gradient is all zero, the check would be vacuous");
        // A leak at the end of [0, 1] (du = 1: no current memory) has only a one-sided derivative.
        boolean leak = name.endsWith(".du") || name.endsWith(".dv");
        // At most ~24 entries per array, spread over it: enough to catch an indexing error, quick
        // enough to run always.
        int stride = (int) Math.max(1, param.length() / 24);
        int checked = 0;
        for (int i = 0; i < param.length(); i += stride) {
            double original = param.getDouble(i);
            if (leak && (original - H < 0 || original + H > 1)) continue;
            param.putScalar(i, original + H);
            double plus = lossAndGradient(ws, options, loss, labels);
            param.putScalar(i, original - H);
            double minus = lossAndGradient(ws, options, loss, labels);
            param.putScalar(i, original);
            double numeric = (plus - minus) / (2 * H);
            double a = analytic.getDouble(i);
            assertEquals(numeric, a, 1e-6 + 1e-5 * Math.abs(numeric), name + "[" + i + "]");
            checked++;
        }
        return checked;
    }

    static double lossAndGradient(
            BatchWorkspace ws, EngineOptions options, List<LossTerm> loss, int[] labels) {
        ForwardPass.run(ws, options);
        ws.clearGradients();
        LossContext ctx = new LossContext(ws, labels);
        double total = 0;
        for (LossTerm t : loss) total += t.accumulate(ctx);
        return total;
    }
}
