package dev.spikeforge.trainer.engine;

import dev.spikeforge.trainer.network.LifNetwork;

/** The {@link LayerGradients} of every layer of a network. */
public final class Gradients {
    private final LayerGradients[] layers;

    public Gradients(LifNetwork net) {
        layers = new LayerGradients[net.depth()];
        for (int l = 0; l < layers.length; l++) layers[l] = new LayerGradients(net.layer(l));
    }

    public LayerGradients layer(int l) {
        return layers[l];
    }

    public int depth() {
        return layers.length;
    }
}
