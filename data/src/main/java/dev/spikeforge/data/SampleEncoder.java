package dev.spikeforge.data;

/**
 * Turns one sample into the input events a chip takes, the same for every consumer (simulator,
 * device, trainer).
 */
public interface SampleEncoder {
    /** Steps of input per sample. */
    int steps();

    /** The events of sample {@code sampleKey} with values {@code x}. */
    SpikeTrain encode(long sampleKey, float[] x);
}
