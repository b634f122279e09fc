package dev.spikeforge.trainer.network;

/** What an {@link Initializer} needs to know about the layer it fills. */
public record LayerShape(int index, int fanIn, int size, boolean readout) {}
