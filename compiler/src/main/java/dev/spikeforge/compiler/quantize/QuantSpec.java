package dev.spikeforge.compiler.quantize;

import dev.spikeforge.proto.NeuronModel;

/**
 * How to quantize one layer.
 *
 * @param weightBits      1 (binary) to 16
 * @param rounding        how scaled weights become integers (thresholds and biases always round to nearest)
 * @param scaleRule       how the weight scale is chosen
 * @param datapath        the chip's state width and weight exponent range
 * @param lifModel        the leak rule the chip implements for LIF layers
 * @param readoutSteps    steps a readout integrates over (used only when the layer is a readout)
 * @param readoutActivity spike probability per step of a readout's inputs (see {@link ReadoutActivity})
 * @param scaleMode       one scale per layer or per output channel
 */
public record QuantSpec(int weightBits, Rounding rounding, ScaleRule scaleRule, Datapath datapath, NeuronModel lifModel,
                        int readoutSteps, double readoutActivity, ScaleMode scaleMode) {

    public QuantSpec(int weightBits, Rounding rounding, ScaleRule scaleRule, Datapath datapath, NeuronModel lifModel,
                     int readoutSteps, double readoutActivity) {
        this(weightBits, rounding, scaleRule, datapath, lifModel, readoutSteps, readoutActivity, ScaleMode.PER_LAYER);
    }

    public QuantSpec withScaleMode(ScaleMode m) {
        return new QuantSpec(weightBits, rounding, scaleRule, datapath, lifModel, readoutSteps, readoutActivity, m);
    }

    /** Loihi datapath, CUBA LIF, k = qmax / max|W|. */
    public static QuantSpec loihi(int weightBits, Rounding rounding, int readoutSteps, double readoutActivity) {
        return new QuantSpec(weightBits, rounding, ScaleRule.MAX, Datapath.LOIHI, NeuronModel.CUBA_LIF, readoutSteps, readoutActivity);
    }
}
