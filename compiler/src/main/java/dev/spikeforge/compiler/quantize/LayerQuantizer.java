package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.network.DenseLayer;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerQuantization;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;

/**
 * Turns one float layer into its fixed-point form. With W_int = round(W·k) and exponent e the chip's state is
 * the float state times K = k·2^e·2⁶, hence vth_mant = round(θ·k·2^e), bias·K = bias_mant &lt;&lt; bias_exp, and
 * scale = k·2^e is recorded to map results back to float units. Decays become the chip's leak rule ({@link Leak}).
 */
public final class LayerQuantizer {
    private LayerQuantizer() {}

    /** Loihi datapath and CUBA LIF, k = qmax / max|W| (see {@link QuantSpec#loihi}). */
    public static QuantizedLayer quantize(DenseLayer layer, int weightBits, Rounding rounding, int readoutSteps, double readoutActivity) {
        return quantize(layer, QuantSpec.loihi(weightBits, rounding, readoutSteps, readoutActivity));
    }

    public static QuantizedLayer quantize(DenseLayer layer, QuantSpec spec) {
        // Recurrent and feed-forward inputs are summed before the exponent, so they share one scale: quantize the
        // rows [W | W_rec] together.
        int inputs = layer.inputsPerNeuron();
        float[] rows = layer.recurrent() ? rows(layer) : layer.weights();
        QuantizedWeights w = WeightQuantizer.quantize(rows, spec.weightBits(), spec.rounding(), spec.scaleRule());
        FloatLifParams p = layer.neuron();
        Leak leak = Leak.of(p, spec.lifModel());
        Datapath d = spec.datapath();
        long drive = w.maxStepDrive(layer.size(), inputs);
        double maxBias = 0;
        for (float b : layer.bias()) maxBias = Math.max(maxBias, Math.abs(b));

        int e;
        int vthMant;
        double thresholdError;
        if (layer.readout()) {
            double peak = ReadoutHeadroom.peakEstimate(layer, leak.keepU(), leak.keepV(), spec.readoutSteps(), spec.readoutActivity());
            e = WeightExponent.forReadout(w.k(), drive, peak, maxBias, d);
            // Never compared (readout = true); the largest mantissa keeps even a consumer that ignores the flag silent.
            vthMant = d.vthMantMax();
            thresholdError = 0;
        } else {
            e = WeightExponent.forSpiking(p.getThreshold(), w.k(), drive, maxBias, d);
            double exact = p.getThreshold() * w.k() * Math.scalb(1.0, e);
            vthMant = (int) Math.max(1, Math.min(d.vthMantMax(), Rounding.NEAREST.apply(exact)));
            thresholdError = Math.abs(vthMant - exact) / exact;
        }
        double scale = w.k() * Math.scalb(1.0, e);
        EncodedBias bias = BiasEncoder.encode(layer.bias(), scale * (1 << ACT_SHIFT));

        FixedLifParams.Builder neuron = leak.apply(FixedLifParams.newBuilder())
                .setVthMant(vthMant).setReset(p.getReset()).setReadout(layer.readout());
        CompiledLayer.Builder out = CompiledLayer.newBuilder()
                .setName(layer.name())
                .setSize(layer.size())
                .setSource(layer.source())
                .setFanIn(layer.fanIn())
                .setNeuron(neuron)
                .setWeightBits(spec.weightBits())
                .setWeightExp(e)
                .setBiasExp(bias.exponent())
                .setScale(scale);
        for (int n = 0; n < layer.size(); n++) {
            for (int i = 0; i < layer.fanIn(); i++) out.addWeights(w.values()[n * inputs + i]);
            for (int m = layer.fanIn(); m < inputs; m++) out.addRecurrentWeights(w.values()[n * inputs + m]);
        }
        for (int m : bias.mantissas()) out.addBiasMant(m);

        LayerQuantization report = LayerQuantization.newBuilder()
                .setLayer(layer.name())
                .setScale(scale)
                .setClippedWeights(w.clipped())
                .setMeanAbsError(w.meanAbsError())
                .setMaxAbsError(w.maxAbsError())
                .setThresholdRelError(thresholdError)
                .setSaturatedBiases(bias.saturated())
                .setWeightCount(rows.length)
                .setLeakRelError(leak.relError())
                .setMaxWeightLevels(w.maxLevels(layer.size(), inputs))
                .setPerChannelMeanAbsError(WeightQuantizer.perChannelMeanAbsError(rows, layer.size(), inputs,
                        spec.weightBits(), spec.rounding()))
                .setWeightBits(spec.weightBits())
                .build();
        return new QuantizedLayer(out.build(), report);
    }

    /** [W | W_rec] row-major, [size, fanIn + size]. */
    static float[] rows(DenseLayer l) {
        int inputs = l.inputsPerNeuron();
        float[] r = new float[l.size() * inputs];
        for (int n = 0; n < l.size(); n++) for (int k = 0; k < inputs; k++) r[n * inputs + k] = l.input(n, k);
        return r;
    }
}
