package dev.spikeforge.trainer.loss;

/**
 * weight · Σ_layers (r − target)², r = a hidden layer's mean firing rate (spikes per neuron per
 * step) in the batch. Pulls activity toward a budget: fewer spikes mean fewer synaptic ops, hence
 * less energy on the chip.
 */
public record SpikeRateRegularizer(double weight, double targetRate) implements LossTerm {

    public SpikeRateRegularizer {
        if (!(weight >= 0))
            throw new IllegalArgumentException(
                    "rate regularizer weight must be >= 0, got " + weight);
        if (!(targetRate >= 0 && targetRate <= 1))
            throw new IllegalArgumentException("target rate must be in [0, 1], got " + targetRate);
    }

    @Override
    public double accumulate(LossContext c) {
        double total = 0;
        for (int l = 0; l < c.hiddenLayers(); l++) {
            var z = c.spikes(l).all();
            double n = z.length();
            double excess = z.sumNumber().doubleValue() / n - targetRate;
            total += weight * excess * excess;
            c.spikeGradient(l).all().addi(2 * weight * excess / n);
        }
        return total;
    }

    @Override
    public String describe() {
        return "spike-rate(weight=" + weight + ", target=" + targetRate + ")";
    }
}
