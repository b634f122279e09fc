package dev.spikeforge.trainer.network;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds a freshly initialized network from layer specs. */
public final class NetworkFactory {
    private NetworkFactory() {}

    /**
     * @throws ConfigException (setting "layers") when a conv layer does not fit the map it reads,
     *     or a layer's sources differ in size (or, into a conv layer, in shape)
     */
    public static LifNetwork create(
            InputGeometry input,
            List<LayerSpec> specs,
            int classes,
            NeuronSpec neurons,
            ScoreMode score,
            Initializer init,
            long seed,
            DataType type) {
        // One generator per weight matrix, split from the seed in a fixed order, so the same spec
        // gives the same network.
        SplittableRandom root = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        List<List<Integer>> sources = new ArrayList<>();
        // What each layer gives the layers that read it: [channels, height, width] (a flat vector
        // is [1, 1, n]).
        List<int[]> maps = new ArrayList<>();
        int[] inputMap =
                input.rowByRow()
                        ? new int[] {1, 1, input.perStep()}
                        : new int[] {input.channels(), input.height(), input.width()};
        for (int l = 0; l < specs.size(); l++) {
            LayerSpec spec = specs.get(l);
            int[] map = readMap(spec, l, inputMap, maps);
            int channels = map[0], height = map[1], width = map[2];
            int fanIn = channels * height * width;
            LifParameters neuron =
                    new LifParameters(
                            neurons.hidden(),
                            neurons.learnLeaks(),
                            neurons.learnThresholds(),
                            type);
            Layer layer;
            if (spec instanceof LayerSpec.Conv c) {
                ConvShape shape =
                        new ConvShape(
                                channels,
                                height,
                                width,
                                c.channels(),
                                c.kernel(),
                                c.padding(),
                                c.stride(),
                                c.pool());
                String problem = shape.problem();
                if (problem != null)
                    throw new ConfigException("layers", "conv layer " + l + ": " + problem);
                float[] w = new float[shape.outChannels() * shape.fanIn()];
                float[] b = new float[shape.outChannels()];
                init.initialize(
                        new LayerShape(l, shape.fanIn(), shape.outChannels(), false),
                        w,
                        b,
                        root.split());
                layer =
                        new ConvLayer(
                                "conv" + l,
                                shape,
                                array(
                                        w,
                                        type,
                                        shape.outChannels(),
                                        shape.inChannels(),
                                        shape.kernel(),
                                        shape.kernel()),
                                array(b, type, 1, shape.outChannels()),
                                neuron);
                maps.add(
                        new int[] {shape.outChannels(), shape.pooledHeight(), shape.pooledWidth()});
            } else if (spec instanceof LayerSpec.Recurrent r) {
                INDArray[] wb =
                        dense(init, new LayerShape(l, fanIn, r.size(), false), root.split(), type);
                float[] v = new float[r.size() * r.size()];
                init.initialize(
                        new LayerShape(l, r.size(), r.size(), false, true),
                        v,
                        new float[r.size()],
                        root.split());
                layer =
                        new RecurrentLayer(
                                "recurrent" + l,
                                wb[0],
                                array(v, type, r.size(), r.size()),
                                wb[1],
                                neuron);
                maps.add(new int[] {1, 1, r.size()});
            } else {
                int size = ((LayerSpec.Dense) spec).size();
                INDArray[] wb =
                        dense(init, new LayerShape(l, fanIn, size, false), root.split(), type);
                layer = new DenseLayer("hidden" + l, wb[0], wb[1], neuron, false);
                maps.add(new int[] {1, 1, size});
            }
            layers.add(layer);
            sources.add(spec.sources());
        }
        int fanIn = layers.isEmpty() ? input.perStep() : layers.get(layers.size() - 1).outputSize();
        boolean counts = score == ScoreMode.SCORE_SPIKE_COUNT;
        INDArray[] wb =
                dense(
                        init,
                        new LayerShape(specs.size(), fanIn, classes, !counts),
                        root.split(),
                        type);
        FloatLif outNeuron = counts ? neurons.hidden() : neurons.readout();
        // The readout has no threshold to learn; its leak is learned with the others.
        LifParameters out =
                new LifParameters(
                        outNeuron, neurons.learnLeaks(), counts && neurons.learnThresholds(), type);
        layers.add(new DenseLayer(counts ? "output" : "readout", wb[0], wb[1], out, !counts));
        sources.add(List.of());
        return new LifNetwork(input.perStep(), layers, score, sources);
    }

    /**
     * The map a layer reads: its previous layer's, or that of every source it sums, which must
     * agree.
     */
    private static int[] readMap(LayerSpec spec, int l, int[] inputMap, List<int[]> maps) {
        List<Integer> from = spec.sources().isEmpty() ? List.of(l - 1) : spec.sources();
        int[] first = null;
        for (int s : from) {
            if (s >= l)
                throw new ConfigException(
                        "layers",
                        "layer "
                                + l
                                + " can only read earlier layers (or -1, the input), not "
                                + s);
            int[] m = s < 0 ? inputMap : maps.get(s);
            if (first == null) {
                first = m;
                continue;
            }
            boolean same =
                    spec instanceof LayerSpec.Conv
                            ? java.util.Arrays.equals(m, first)
                            : m[0] * m[1] * m[2] == first[0] * first[1] * first[2];
            if (!same) {
                throw new ConfigException(
                        "layers",
                        "layer "
                                + l
                                + " sums "
                                + (s < 0 ? "the input" : "layer " + s)
                                + " ("
                                + m[0]
                                + "x"
                                + m[1]
                                + "x"
                                + m[2]
                                + ") with layer "
                                + from.get(0)
                                + " ("
                                + first[0]
                                + "x"
                                + first[1]
                                + "x"
                                + first[2]
                                + "): summed sources must have the same shape");
            }
        }
        // A dense layer flattens what it reads; a conv layer after a dense one has no map
        // (TrainingConfig forbids it).
        return spec instanceof LayerSpec.Conv
                ? first
                : new int[] {1, 1, first[0] * first[1] * first[2]};
    }

    /** A fixed-neuron MLP inputs → hidden… → readout, as tests and tools need it. */
    public static LifNetwork create(
            int inputs,
            int[] hidden,
            int outputs,
            FloatLif hiddenNeuron,
            FloatLif readoutNeuron,
            Initializer init,
            long seed,
            DataType type) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int fanIn = inputs;
        for (int l = 0; l <= hidden.length; l++) {
            boolean readout = l == hidden.length;
            int size = readout ? outputs : hidden[l];
            INDArray[] wb =
                    dense(init, new LayerShape(l, fanIn, size, readout), root.split(), type);
            layers.add(
                    new DenseLayer(
                            readout ? "readout" : "hidden" + l,
                            wb[0],
                            wb[1],
                            LifParameters.fixed(readout ? readoutNeuron : hiddenNeuron, type),
                            readout));
            fanIn = size;
        }
        return new LifNetwork(inputs, layers);
    }

    private static INDArray[] dense(
            Initializer init, LayerShape shape, SplittableRandom random, DataType type) {
        float[] w = new float[shape.size() * shape.fanIn()];
        float[] b = new float[shape.size()];
        init.initialize(shape, w, b, random);
        return new INDArray[] {
            array(w, type, shape.size(), shape.fanIn()), array(b, type, 1, shape.size())
        };
    }

    private static INDArray array(float[] values, DataType type, long... shape) {
        return Nd4j.create(values, shape, 'c').castTo(type);
    }
}
