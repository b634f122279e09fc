package dev.spikeforge.trainer.network;

import dev.spikeforge.neuron.FloatLif;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds a freshly initialized MLP inputs → hidden… → outputs (readout). */
public final class NetworkFactory {
    private NetworkFactory() {}

    public static LifNetwork create(int inputs, int[] hidden, int outputs, FloatLif hiddenNeuron, FloatLif readoutNeuron,
                                    Initializer init, long seed, DataType type) {
        // One generator per layer, split from the seed, so adding a layer does not reshuffle the others.
        SplittableRandom root = new SplittableRandom(seed);
        List<LifLayer> layers = new ArrayList<>();
        int fanIn = inputs;
        for (int l = 0; l <= hidden.length; l++) {
            boolean readout = l == hidden.length;
            int size = readout ? outputs : hidden[l];
            float[] w = new float[size * fanIn];
            float[] b = new float[size];
            init.initialize(new LayerShape(l, fanIn, size, readout), w, b, root.split());
            layers.add(new LifLayer(readout ? "readout" : "hidden" + l,
                    Nd4j.create(w, new long[]{size, fanIn}, 'c').castTo(type),
                    Nd4j.create(b, new long[]{1, size}, 'c').castTo(type),
                    readout ? readoutNeuron : hiddenNeuron, readout));
            fanIn = size;
        }
        return new LifNetwork(inputs, layers);
    }
}
