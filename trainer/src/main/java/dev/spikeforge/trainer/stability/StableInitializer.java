package dev.spikeforge.trainer.stability;

import dev.spikeforge.trainer.network.Initializer;
import dev.spikeforge.trainer.network.LayerShape;
import java.util.SplittableRandom;

/**
 * Draws each layer's weights from N(mean, std²) with the statistics a {@link StabilityPlan} chose;
 * biases 0.
 */
public final class StableInitializer implements Initializer {
    private final StabilityPlan plan;

    StableInitializer(StabilityPlan plan) {
        this.plan = plan;
    }

    @Override
    public void initialize(
            LayerShape shape, float[] weights, float[] bias, SplittableRandom random) {
        if (shape.index() >= plan.layers().size()) {
            throw new IllegalArgumentException(
                    "the stability plan has "
                            + plan.layers().size()
                            + " layers, asked for layer "
                            + shape.index());
        }
        LayerChoice c = plan.layer(shape.index());
        boolean rec = shape.recurrent();
        double mean = rec ? c.recurrentMean() : c.weightMean(),
                std = rec ? c.recurrentStd() : c.weightStd();
        int expectedFanIn = rec ? c.layer().size() : c.layer().fanIn();
        if (shape.fanIn() != expectedFanIn || Double.isNaN(mean)) {
            throw new IllegalArgumentException(
                    "layer "
                            + shape.index()
                            + " has fan-in "
                            + shape.fanIn()
                            + ", the stability plan was made for "
                            + expectedFanIn
                            + (rec ? " (recurrent)" : ""));
        }
        for (int i = 0; i < weights.length; i++)
            weights[i] = (float) (mean + std * random.nextGaussian());
    }

    @Override
    public String describe() {
        return "stable(" + plan.problem().family().name() + ")";
    }
}
