package dev.spikeforge.trainer.train;

/**
 * Cosine decay per epoch: the first epoch runs at the base rate, the last at {@code floor × base}.
 * Large steps early find a good region quickly, small steps late settle the weights (and make them
 * less noisy to quantize).
 */
public record CosineSchedule(double floor) implements EpochSchedule {

    public CosineSchedule {
        if (!(floor >= 0 && floor <= 1))
            throw new IllegalArgumentException("cosine floor must be in [0, 1], got " + floor);
    }

    @Override
    public double learningRate(int epoch, int epochs, double baseRate) {
        if (epochs <= 1) return baseRate;
        double progress = (epoch - 1) / (double) (epochs - 1);
        return baseRate * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    @Override
    public String describe() {
        return "cosine(floor=" + floor + ")";
    }
}
