package dev.spikeforge.trainer.stability;

/**
 * What the solver chose for one layer, and why.
 *
 * @param weightMean mean of the feed-forward weights W_in (0)
 * @param weightStd their standard deviation: E[W_in²] = 1 / (n_in · E[x²])
 * @param recurrentMean mean of W_rec, (3 − 2α)θ / (n_rec − 1); NaN for a feed-forward layer
 * @param recurrentStd √Var(W_rec); NaN for a feed-forward layer
 * @param sharpness the surrogate's s; NaN for the readout
 * @param dampening the surrogate's γ; NaN for the readout
 * @param expectedRate expected firing rate (spikes per neuron per step, all steps) with zero
 *     biases; NaN for the readout
 * @param residual the stability equation's left side at (s, γ): 0 when solved
 * @param input the statistics of the layer's input the weights were scaled for
 * @param reason how s and γ were found
 */
public record LayerChoice(
        StabilityProblem.Layer layer,
        double weightMean,
        double weightStd,
        double recurrentMean,
        double recurrentStd,
        double sharpness,
        double dampening,
        double expectedRate,
        double residual,
        InputStatistics input,
        String reason) {

    public boolean spiking() {
        return layer.spiking();
    }

    public boolean recurrent() {
        return layer.recurrent();
    }

    LayerChoice withExpectedRate(double rate) {
        return new LayerChoice(
                layer,
                weightMean,
                weightStd,
                recurrentMean,
                recurrentStd,
                sharpness,
                dampening,
                rate,
                residual,
                input,
                reason);
    }
}
