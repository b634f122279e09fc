package dev.spikeforge.trainer.network;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.config.NeuronSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds a freshly initialized network from layer specs. */
public final class NetworkFactory {
    private NetworkFactory() {}

    /**
     * @throws ConfigException (setting "layers") when a conv layer does not fit the map it reads
     */
    public static LifNetwork create(InputGeometry input, List<LayerSpec> specs, int classes, NeuronSpec neurons,
                                    ScoreMode score, Initializer init, long seed, DataType type) {
        // One generator per weight matrix, split from the seed in a fixed order, so the same spec gives the same network.
        SplittableRandom root = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int fanIn = input.perStep();
        int channels = input.channels(), height = input.height(), width = input.width();
        for (int l = 0; l < specs.size(); l++) {
            LayerSpec spec = specs.get(l);
            LifParameters neuron = new LifParameters(neurons.hidden(), neurons.learnLeaks(), neurons.learnThresholds(), type);
            Layer layer;
            if (spec instanceof LayerSpec.Conv c) {
                ConvShape shape = new ConvShape(channels, height, width, c.channels(), c.kernel(), c.padding(), c.stride(), c.pool());
                String problem = shape.problem();
                if (problem != null) throw new ConfigException("layers", "conv layer " + l + ": " + problem);
                float[] w = new float[shape.outChannels() * shape.fanIn()];
                float[] b = new float[shape.outChannels()];
                init.initialize(new LayerShape(l, shape.fanIn(), shape.outChannels(), false), w, b, root.split());
                layer = new ConvLayer("conv" + l, shape,
                        array(w, type, shape.outChannels(), shape.inChannels(), shape.kernel(), shape.kernel()),
                        array(b, type, 1, shape.outChannels()), neuron);
                channels = shape.outChannels();
                height = shape.pooledHeight();
                width = shape.pooledWidth();
            } else if (spec instanceof LayerSpec.Recurrent r) {
                INDArray[] wb = dense(init, new LayerShape(l, fanIn, r.size(), false), root.split(), type);
                float[] v = new float[r.size() * r.size()];
                init.initialize(new LayerShape(l, r.size(), r.size(), false, true), v, new float[r.size()], root.split());
                layer = new RecurrentLayer("recurrent" + l, wb[0], array(v, type, r.size(), r.size()), wb[1], neuron);
            } else {
                int size = ((LayerSpec.Dense) spec).size();
                INDArray[] wb = dense(init, new LayerShape(l, fanIn, size, false), root.split(), type);
                layer = new DenseLayer("hidden" + l, wb[0], wb[1], neuron, false);
            }
            layers.add(layer);
            fanIn = layer.outputSize();
        }
        boolean counts = score == ScoreMode.SCORE_SPIKE_COUNT;
        INDArray[] wb = dense(init, new LayerShape(specs.size(), fanIn, classes, !counts), root.split(), type);
        FloatLif outNeuron = counts ? neurons.hidden() : neurons.readout();
        // The readout has no threshold to learn; its leak is learned with the others.
        LifParameters out = new LifParameters(outNeuron, neurons.learnLeaks(), counts && neurons.learnThresholds(), type);
        layers.add(new DenseLayer(counts ? "output" : "readout", wb[0], wb[1], out, !counts));
        return new LifNetwork(input.perStep(), layers, score);
    }

    /** A fixed-neuron MLP inputs → hidden… → readout, as tests and tools need it. */
    public static LifNetwork create(int inputs, int[] hidden, int outputs, FloatLif hiddenNeuron, FloatLif readoutNeuron,
                                    Initializer init, long seed, DataType type) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int fanIn = inputs;
        for (int l = 0; l <= hidden.length; l++) {
            boolean readout = l == hidden.length;
            int size = readout ? outputs : hidden[l];
            INDArray[] wb = dense(init, new LayerShape(l, fanIn, size, readout), root.split(), type);
            layers.add(new DenseLayer(readout ? "readout" : "hidden" + l, wb[0], wb[1],
                    LifParameters.fixed(readout ? readoutNeuron : hiddenNeuron, type), readout));
            fanIn = size;
        }
        return new LifNetwork(inputs, layers);
    }

    private static INDArray[] dense(Initializer init, LayerShape shape, SplittableRandom random, DataType type) {
        float[] w = new float[shape.size() * shape.fanIn()];
        float[] b = new float[shape.size()];
        init.initialize(shape, w, b, random);
        return new INDArray[]{array(w, type, shape.size(), shape.fanIn()), array(b, type, 1, shape.size())};
    }

    private static INDArray array(float[] values, DataType type, long... shape) {
        return Nd4j.create(values, shape, 'c').castTo(type);
    }
}
