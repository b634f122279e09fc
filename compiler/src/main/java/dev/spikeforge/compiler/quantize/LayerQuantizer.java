package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.network.DenseLayer;
import dev.spikeforge.neuron.FixedLif;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerQuantization;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;

/**
 * Turns one float layer into its fixed-point form. With W_int = round(W·k) and exponent e the chip's state is
 * the float state times K = k·2^e·2⁶, hence vth_mant = round(θ·k·2^e), bias·K = bias_mant &lt;&lt; bias_exp, and
 * scale = k·2^e is recorded to map results back to float units. Decays use the neuron module's conversions.
 */
public final class LayerQuantizer {
    private LayerQuantizer() {}

    /**
     * @param readoutSteps    steps a readout integrates over (used only when the layer is a readout)
     * @param readoutActivity spike probability per step of a readout's inputs (see {@link ReadoutActivity})
     */
    public static QuantizedLayer quantize(DenseLayer layer, int weightBits, Rounding rounding, int readoutSteps, double readoutActivity) {
        QuantizedWeights w = WeightQuantizer.quantize(layer.weights(), weightBits, rounding);
        FloatLifParams p = layer.neuron();
        int du = FixedLif.currentDecayFromFloat(p.getDu());
        int dv = FixedLif.voltageDecayFromFloat(p.getDv());
        long drive = w.maxStepDrive(layer.size(), layer.fanIn());
        double maxBias = 0;
        for (float b : layer.bias()) maxBias = Math.max(maxBias, Math.abs(b));

        int e;
        int vthMant;
        double thresholdError;
        if (layer.readout()) {
            double peak = ReadoutHeadroom.peakEstimate(layer, du, dv, readoutSteps, readoutActivity);
            e = WeightExponent.forReadout(w.k(), drive, peak, maxBias);
            // Never compared (readout = true); the largest mantissa keeps even a consumer that ignores the flag silent.
            vthMant = WeightExponent.VTH_MANT_MAX;
            thresholdError = 0;
        } else {
            e = WeightExponent.forSpiking(p.getThreshold(), w.k(), drive, maxBias);
            double exact = p.getThreshold() * w.k() * Math.scalb(1.0, e);
            vthMant = (int) Math.max(1, Math.min(WeightExponent.VTH_MANT_MAX, Rounding.NEAREST.apply(exact)));
            thresholdError = Math.abs(vthMant - exact) / exact;
        }
        double scale = w.k() * Math.scalb(1.0, e);
        EncodedBias bias = BiasEncoder.encode(layer.bias(), scale * (1 << ACT_SHIFT));

        CompiledLayer.Builder out = CompiledLayer.newBuilder()
                .setName(layer.name())
                .setSize(layer.size())
                .setSource(layer.source())
                .setFanIn(layer.fanIn())
                .setNeuron(FixedLifParams.newBuilder().setDu(du).setDv(dv).setVthMant(vthMant)
                        .setReset(p.getReset()).setReadout(layer.readout()))
                .setWeightBits(weightBits)
                .setWeightExp(e)
                .setBiasExp(bias.exponent())
                .setScale(scale);
        for (int v : w.values()) out.addWeights(v);
        for (int m : bias.mantissas()) out.addBiasMant(m);

        LayerQuantization report = LayerQuantization.newBuilder()
                .setLayer(layer.name())
                .setScale(scale)
                .setClippedWeights(w.clipped())
                .setMeanAbsError(w.meanAbsError())
                .setMaxAbsError(w.maxAbsError())
                .setThresholdRelError(thresholdError)
                .setSaturatedBiases(bias.saturated())
                .build();
        return new QuantizedLayer(out.build(), report);
    }
}
