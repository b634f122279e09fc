package dev.spikeforge.trainer.network;

/**
 * What an {@link Initializer} needs to know about the weight matrix it fills.
 *
 * @param fanIn inputs per neuron (conv: inChannels × kernel²)
 * @param size rows of the matrix (conv: output channels)
 * @param recurrent true for a recurrent layer's V (its fan-in is the layer's own size)
 */
public record LayerShape(int index, int fanIn, int size, boolean readout, boolean recurrent) {
    public LayerShape(int index, int fanIn, int size, boolean readout) {
        this(index, fanIn, size, readout, false);
    }
}
