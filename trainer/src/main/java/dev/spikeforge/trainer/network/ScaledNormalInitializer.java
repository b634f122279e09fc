package dev.spikeforge.trainer.network;

import java.util.SplittableRandom;

/**
 * w ~ N(0, gain² / fanIn), bias 0. The 1/fanIn variance keeps each layer's input current O(gain)
 * whatever its width, so one gain works for 128 or 512 hidden neurons; zero bias leaves all
 * activity to the input.
 */
public record ScaledNormalInitializer(double gain) implements Initializer {

    public ScaledNormalInitializer {
        if (!(gain > 0))
            throw new IllegalArgumentException("initializer gain must be > 0, got " + gain);
    }

    @Override
    public void initialize(
            LayerShape shape, float[] weights, float[] bias, SplittableRandom random) {
        double std = gain / Math.sqrt(shape.fanIn());
        for (int i = 0; i < weights.length; i++) weights[i] = (float) (random.nextGaussian() * std);
    }

    @Override
    public String describe() {
        return "normal(gain=" + gain + ")";
    }
}
