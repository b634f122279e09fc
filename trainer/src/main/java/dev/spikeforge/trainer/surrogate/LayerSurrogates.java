package dev.spikeforge.trainer.surrogate;

import dev.spikeforge.trainer.network.Layer;
import java.util.List;

/**
 * The surrogate each spiking layer uses now. Training changes it between epochs (AdaLi's window
 * schedule, chi adaptation), so it is state of the run, not of the configuration; the engine looks
 * a layer's surrogate up here.
 */
public final class LayerSurrogates {
    private final Layer[] layers;
    private final Surrogate[] current;

    /** Every layer starts with {@code initial}. */
    public LayerSurrogates(List<Layer> spikingLayers, Surrogate initial) {
        this.layers = spikingLayers.toArray(Layer[]::new);
        this.current = new Surrogate[layers.length];
        java.util.Arrays.fill(current, initial);
    }

    public int size() {
        return layers.length;
    }

    public Layer layer(int l) {
        return layers[l];
    }

    public Surrogate get(int l) {
        return current[l];
    }

    public void set(int l, Surrogate s) {
        current[l] = java.util.Objects.requireNonNull(s, "surrogate");
    }

    /** The surrogate of this layer (by identity; a handful of layers, so a scan). */
    public Surrogate forLayer(Layer layer) {
        for (int l = 0; l < layers.length; l++) if (layers[l] == layer) return current[l];
        throw new IllegalArgumentException("layer '" + layer.name() + "' has no surrogate here");
    }
}
