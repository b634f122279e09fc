package dev.spikeforge.compiler.mapping;

import dev.spikeforge.compiler.network.DenseLayer;

/**
 * What a layer asks of the hardware: its neurons, which sources they read, the stored weight width, the most
 * distinct nonzero weights one neuron holds (used by axon-type chips; 0 when not computed), and whether its neurons
 * also read all of the layer's own neurons (recurrent; its synapse counts then include those).
 */
public record LayerShape(String name, int size, int weightBits, Connectivity connectivity, int weightLevels, boolean recurrent) {

    public LayerShape(String name, int size, int weightBits, Connectivity connectivity, int weightLevels) {
        this(name, size, weightBits, connectivity, weightLevels, false);
    }

    public int fanIn() {
        return connectivity.fanIn();
    }

    /** A trained dense layer: all-to-all, with the exact nonzero count of every neuron's weights (recurrent ones included). */
    public static LayerShape of(DenseLayer l, int weightBits, int weightLevels) {
        int[] nonzero = new int[l.size()];
        for (int n = 0; n < l.size(); n++) {
            int c = 0;
            for (int k = 0; k < l.inputsPerNeuron(); k++) if (l.input(n, k) != 0) c++;
            nonzero[n] = c;
        }
        return new LayerShape(l.name(), l.size(), weightBits, Connectivity.dense(l.fanIn(), nonzero), weightLevels, l.recurrent());
    }

    /** Sources a neuron's span stands for besides its feed-forward ones: the whole layer when recurrent. */
    public int recurrentInputs() {
        return recurrent ? size : 0;
    }
}
