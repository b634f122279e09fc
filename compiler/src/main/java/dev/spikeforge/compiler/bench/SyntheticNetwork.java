package dev.spikeforge.compiler.bench;

import dev.spikeforge.compiler.mapping.Connectivity;
import dev.spikeforge.compiler.mapping.LayerShape;
import java.util.ArrayList;
import java.util.List;

/**
 * A random layered network described by shapes only (no weights are ever materialized): {@code
 * layers} layers of N / layers neurons each, fed by N / layers input axons, each neuron with about
 * S / N synapses drawn from a local window 4 × that wide (see {@link WindowConnectivity}). 100 M
 * synapses cost no memory this way.
 */
public final class SyntheticNetwork {
    /** Window width as a multiple of the mean synapses per neuron. */
    static final int WINDOW_FACTOR = 4;

    private SyntheticNetwork() {}

    public static List<LayerShape> build(
            long neurons, long synapses, int layers, int weightBits, long seed) {
        if (layers < 1 || neurons < layers)
            throw new IllegalArgumentException(
                    "need at least one neuron per layer: "
                            + neurons
                            + " neurons, "
                            + layers
                            + " layers");
        int size = (int) (neurons / layers);
        int mean = (int) Math.max(1, synapses / neurons);
        List<LayerShape> out = new ArrayList<>();
        int fanIn = size; // the input has as many axons as a layer has neurons
        for (int l = 0; l < layers; l++) {
            int n = l == layers - 1 ? (int) (neurons - (long) size * (layers - 1)) : size;
            Connectivity c =
                    new WindowConnectivity(
                            fanIn,
                            n,
                            Math.min(mean, fanIn),
                            Math.max(mean * WINDOW_FACTOR, 1),
                            seed * 1_000_003L + l * 0x9E3779B9L);
            out.add(new LayerShape("l" + l, n, weightBits, c, 0));
            fanIn = n;
        }
        return out;
    }

    /** Exact synapse count of the shapes (one pass over the neurons). */
    public static long synapses(List<LayerShape> shapes) {
        long s = 0;
        for (LayerShape l : shapes)
            for (int n = 0; n < l.size(); n++) s += l.connectivity().synapses(n);
        return s;
    }
}
