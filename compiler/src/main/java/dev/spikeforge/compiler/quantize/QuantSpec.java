package dev.spikeforge.compiler.quantize;

import dev.spikeforge.proto.NeuronModel;

/**
 * How to quantize one layer.
 *
 * @param weightBits 1 (binary) to 16
 * @param rounding how scaled weights become integers (thresholds and biases always round to
 *     nearest)
 * @param scaleRule how the weight scale is chosen
 * @param datapath the chip's state width and weight exponent range
 * @param lifModel the leak rule the chip implements for LIF layers
 * @param readoutSteps steps a readout integrates over (used only when the layer is a readout)
 * @param readoutActivity spike probability per step of a readout's inputs (see {@link
 *     ReadoutActivity})
 * @param scaleMode one scale per layer or per output channel
 * @param inputRate expected spikes per step of each feed-forward source neuron (or input axon);
 *     NaN: unknown, and the exponent choice assumes one active input per step (see {@link
 *     ExponentChoice})
 * @param recurrentRate the same for the layer's own neurons feeding back (recurrent layers); NaN:
 *     unknown
 */
public record QuantSpec(
        int weightBits,
        Rounding rounding,
        ScaleRule scaleRule,
        Datapath datapath,
        NeuronModel lifModel,
        int readoutSteps,
        double readoutActivity,
        ScaleMode scaleMode,
        double inputRate,
        double recurrentRate) {

    public QuantSpec(
            int weightBits,
            Rounding rounding,
            ScaleRule scaleRule,
            Datapath datapath,
            NeuronModel lifModel,
            int readoutSteps,
            double readoutActivity) {
        this(
                weightBits,
                rounding,
                scaleRule,
                datapath,
                lifModel,
                readoutSteps,
                readoutActivity,
                ScaleMode.PER_LAYER);
    }

    public QuantSpec(
            int weightBits,
            Rounding rounding,
            ScaleRule scaleRule,
            Datapath datapath,
            NeuronModel lifModel,
            int readoutSteps,
            double readoutActivity,
            ScaleMode scaleMode) {
        this(
                weightBits,
                rounding,
                scaleRule,
                datapath,
                lifModel,
                readoutSteps,
                readoutActivity,
                scaleMode,
                Double.NaN,
                Double.NaN);
    }

    public QuantSpec withScaleMode(ScaleMode m) {
        return new QuantSpec(
                weightBits,
                rounding,
                scaleRule,
                datapath,
                lifModel,
                readoutSteps,
                readoutActivity,
                m,
                inputRate,
                recurrentRate);
    }

    /**
     * Expected spikes per step per source neuron, feed-forward and recurrent (NaN where unknown).
     */
    public QuantSpec withInputRates(double feedForward, double recurrent) {
        return new QuantSpec(
                weightBits,
                rounding,
                scaleRule,
                datapath,
                lifModel,
                readoutSteps,
                readoutActivity,
                scaleMode,
                feedForward,
                recurrent);
    }

    /** Loihi datapath, CUBA LIF, k = qmax / max|W|. */
    public static QuantSpec loihi(
            int weightBits, Rounding rounding, int readoutSteps, double readoutActivity) {
        return new QuantSpec(
                weightBits,
                rounding,
                ScaleRule.MAX,
                Datapath.LOIHI,
                NeuronModel.CUBA_LIF,
                readoutSteps,
                readoutActivity);
    }
}
