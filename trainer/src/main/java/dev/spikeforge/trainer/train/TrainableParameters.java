package dev.spikeforge.trainer.train;

import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.engine.LayerGradients;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.LifParameters;
import dev.spikeforge.trainer.network.RecurrentLayer;
import dev.spikeforge.trainer.optim.Parameter;
import dev.spikeforge.trainer.optim.Parameter.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairs every trainable array of a network with its gradient, under a stable name
 * ("hidden0.weights").
 */
public final class TrainableParameters {
    private TrainableParameters() {}

    public static List<Parameter> of(LifNetwork net, Gradients grads) {
        List<Parameter> p = new ArrayList<>();
        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            LayerGradients g = grads.layer(l);
            String n = layer.name();
            p.add(new Parameter(n + ".weights", layer.weights(), g.weights(), Role.WEIGHT));
            if (layer instanceof RecurrentLayer r)
                p.add(
                        new Parameter(
                                n + ".recurrent_weights",
                                r.recurrent(),
                                g.recurrent(),
                                Role.WEIGHT));
            p.add(new Parameter(n + ".bias", layer.bias(), g.bias(), Role.BIAS));
            LifParameters neuron = layer.neuron();
            if (neuron.learnLeaks()) {
                p.add(new Parameter(n + ".du", neuron.du(), g.du(), Role.NEURON));
                p.add(new Parameter(n + ".dv", neuron.dv(), g.dv(), Role.NEURON));
            }
            if (neuron.learnThreshold())
                p.add(
                        new Parameter(
                                n + ".threshold", neuron.threshold(), g.threshold(), Role.NEURON));
        }
        return p;
    }
}
