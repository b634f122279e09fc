package dev.spikeforge.trainer.network;

import dev.spikeforge.proto.ScoreMode;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Objects;

/**
 * A stack of {@link Layer}s: layer 0 reads the encoded input ({@code inputs} values per step), layer k reads layer
 * k−1's output. The last layer produces the class scores: a non-spiking readout (score = its potential, final, max
 * or mean over steps) or, for {@link ScoreMode#SCORE_SPIKE_COUNT}, a spiking dense layer whose spikes are counted.
 * All parameters share one data type (FLOAT for training, DOUBLE for gradient checks).
 */
public record LifNetwork(int inputs, List<Layer> layers, ScoreMode score) {

    public LifNetwork {
        layers = List.copyOf(layers);
        Objects.requireNonNull(score, "score");
        if (layers.isEmpty()) throw new IllegalArgumentException("a network needs at least one layer");
        int fanIn = inputs;
        DataType type = layers.get(0).dataType();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer.inputSize() != fanIn) {
                throw new IllegalArgumentException("layer " + l + " ('" + layer.name() + "') reads " + layer.inputSize() + " values per step, its input has " + fanIn);
            }
            boolean last = l == layers.size() - 1;
            if (!layer.spiking() && !last) {
                throw new IllegalArgumentException("only the last layer may be the readout (layer " + l + ", '" + layer.name() + "')");
            }
            if (last) {
                boolean counts = score == ScoreMode.SCORE_SPIKE_COUNT;
                if (!(layer instanceof DenseLayer) || layer.spiking() != counts) {
                    throw new IllegalArgumentException("the last layer ('" + layer.name() + "') must be "
                            + (counts ? "a spiking dense layer, whose spikes are counted" : "a dense readout"));
                }
            }
            if (layer.dataType() != type) throw new IllegalArgumentException("layers differ in data type");
            fanIn = layer.outputSize();
        }
    }

    public LifNetwork(int inputs, List<Layer> layers) {
        this(inputs, layers, ScoreMode.SCORE_FINAL_POTENTIAL);
    }

    public DataType dataType() {
        return layers.get(0).dataType();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).neurons();
    }

    public Layer layer(int l) {
        return layers.get(l);
    }

    public int depth() {
        return layers.size();
    }

    /** Layers before the output layer. */
    public int hiddenLayers() {
        return layers.size() - 1;
    }

    /** Layers that spike (the output layer too when its spikes are counted). */
    public int spikingLayers() {
        return score == ScoreMode.SCORE_SPIKE_COUNT ? layers.size() : layers.size() - 1;
    }
}
