package dev.spikeforge.trainer.network;

import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

/**
 * A feed-forward stack of {@link LifLayer}s: layer 0 reads the encoded input, layer k reads layer k−1, the last
 * layer is the readout. All parameters share one data type (FLOAT for training, DOUBLE for gradient checks).
 */
public record LifNetwork(int inputs, List<LifLayer> layers) {

    public LifNetwork {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) throw new IllegalArgumentException("a network needs at least one layer");
        int fanIn = inputs;
        DataType type = layers.get(0).weights().dataType();
        for (int l = 0; l < layers.size(); l++) {
            LifLayer layer = layers.get(l);
            if (layer.fanIn() != fanIn) {
                throw new IllegalArgumentException("layer " + l + " ('" + layer.name() + "') has fan-in " + layer.fanIn() + ", expected " + fanIn);
            }
            if (layer.readout() != (l == layers.size() - 1)) {
                throw new IllegalArgumentException("the last layer, and only it, must be the readout (layer " + l + ", '" + layer.name() + "')");
            }
            if (layer.weights().dataType() != type) throw new IllegalArgumentException("layers differ in data type");
            fanIn = layer.size();
        }
    }

    public DataType dataType() {
        return layers.get(0).weights().dataType();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).size();
    }

    public LifLayer layer(int l) {
        return layers.get(l);
    }

    public int depth() {
        return layers.size();
    }

    /** Number of spiking (non-readout) layers. */
    public int hiddenLayers() {
        return layers.size() - 1;
    }
}
