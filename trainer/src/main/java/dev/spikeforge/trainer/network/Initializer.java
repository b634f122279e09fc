package dev.spikeforge.trainer.network;

import java.util.SplittableRandom;

/**
 * Fills the initial parameters of one layer from a seeded generator (the same seed gives the same
 * network).
 */
public interface Initializer {
    /** {@code weights} is [size · fanIn] row-major, {@code bias} [size]; both arrive zeroed. */
    void initialize(LayerShape shape, float[] weights, float[] bias, SplittableRandom random);

    /** Short description recorded in provenance, e.g. "normal(gain=1.0)". */
    String describe();
}
