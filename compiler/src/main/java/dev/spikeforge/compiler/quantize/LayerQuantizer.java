package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.network.DenseLayer;
import dev.spikeforge.compiler.network.WeightTying;
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
        // rows [W | W_rec] together. Tied weights (conv kernels, a pooled source) are quantized once, then expanded.
        int inputs = layer.inputsPerNeuron();
        WeightTying tying = layer.tying();
        float[] params = tying != null ? tying.params() : layer.recurrent() ? rows(layer) : layer.weights();
        int channels = tying != null ? tying.channels() : layer.size();
        int cols = channels == 0 ? 0 : params.length / channels;
        // The readout's potentials are compared across classes, so it keeps one scale.
        boolean perChannel = spec.scaleMode() == ScaleMode.PER_CHANNEL && !layer.readout();
        QuantizedWeights q = perChannel
                ? WeightQuantizer.quantizePerRow(params, channels, cols, spec.weightBits(), spec.rounding(), spec.scaleRule())
                : WeightQuantizer.quantize(params, spec.weightBits(), spec.rounding(), spec.scaleRule());
        QuantizedWeights w = tying != null ? q.withValues(tying.expand(q.values())) : q;
        FloatLifParams p = layer.neuron();
        Leak leak = Leak.of(p, spec.lifModel());
        Datapath d = spec.datapath();
        long drive = w.maxStepDrive(layer.size(), inputs);
        double[] kOf = new double[layer.size()];
        for (int n = 0; n < kOf.length; n++) kOf[n] = w.k(tying != null ? tying.channelOf(n) : n);
        double kMax = w.kMax();
        double maxBias = 0;  // max |b_n|·k_n / kMax: the bias test of the exponent at kMax
        for (int n = 0; n < kOf.length; n++) maxBias = Math.max(maxBias, Math.abs(layer.bias()[n]) * kOf[n] / kMax);

        int e;
        int vthMant;
        int[] vthMants = null;
        double thresholdError = 0;
        if (layer.readout()) {
            double peak = ReadoutHeadroom.peakEstimate(layer, leak.keepU(), leak.keepV(), spec.readoutSteps(), spec.readoutActivity());
            e = WeightExponent.forReadout(w.k(), drive, peak, maxBias, d);
            // Never compared (readout = true); the largest mantissa keeps even a consumer that ignores the flag silent.
            vthMant = d.vthMantMax();
        } else if (perChannel) {
            e = WeightExponent.forSpiking(p.getThreshold(), w.k(), kMax, drive, maxBias, d);
            vthMants = new int[layer.size()];
            for (int n = 0; n < vthMants.length; n++) {
                double exact = p.getThreshold() * kOf[n] * Math.scalb(1.0, e);
                vthMants[n] = (int) Math.max(1, Math.min(d.vthMantMax(), Rounding.NEAREST.apply(exact)));
                thresholdError = Math.max(thresholdError, Math.abs(vthMants[n] - exact) / exact);
            }
            // 0 is out of range: a consumer that does not read vth_mants refuses the layer instead of misreading it.
            vthMant = 0;
        } else {
            e = WeightExponent.forSpiking(p.getThreshold(), w.k(), drive, maxBias, d);
            double exact = p.getThreshold() * w.k() * Math.scalb(1.0, e);
            vthMant = (int) Math.max(1, Math.min(d.vthMantMax(), Rounding.NEAREST.apply(exact)));
            thresholdError = Math.abs(vthMant - exact) / exact;
        }
        double pow = Math.scalb(1.0, e);
        double scale = w.k() * pow;
        double[] stateScale = new double[layer.size()];
        for (int n = 0; n < stateScale.length; n++) stateScale[n] = kOf[n] * pow * (1 << ACT_SHIFT);
        EncodedBias bias = BiasEncoder.encode(layer.bias(), stateScale);

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
        if (layer.conv()) {
            // A conv layer's explicit matrix is mostly zeros: write it in the sparse form.
            out.setSparseWeights(SparseForm.of(w.values(), layer.size(), layer.fanIn()));
        } else {
            for (int n = 0; n < layer.size(); n++) {
                for (int i = 0; i < layer.fanIn(); i++) out.addWeights(w.values()[n * inputs + i]);
            }
        }
        for (int n = 0; n < layer.size(); n++) {
            for (int m = layer.fanIn(); m < inputs; m++) out.addRecurrentWeights(w.values()[n * inputs + m]);
        }
        for (int m : bias.mantissas()) out.addBiasMant(m);
        if (vthMants != null) {
            for (int v : vthMants) out.addVthMants(v);
            for (int n = 0; n < layer.size(); n++) out.addNeuronScales(kOf[n] * pow);
        }

        LayerQuantization.Builder report = LayerQuantization.newBuilder()
                .setLayer(layer.name())
                .setScale(scale)
                .setClippedWeights(w.clipped())
                .setMeanAbsError(w.meanAbsError())
                .setMaxAbsError(w.maxAbsError())
                .setThresholdRelError(thresholdError)
                .setSaturatedBiases(bias.saturated())
                .setWeightCount(params.length)
                .setLeakRelError(leak.relError())
                .setMaxWeightLevels(w.maxLevels(layer.size(), inputs))
                .setPerChannelMeanAbsError(WeightQuantizer.perChannelMeanAbsError(params, channels, cols,
                        spec.weightBits(), spec.rounding()))
                .setWeightBits(spec.weightBits())
                .setScaleMode((perChannel ? ScaleMode.PER_CHANNEL : ScaleMode.PER_LAYER).name());
        if (perChannel) for (int c = 0; c < channels; c++) report.addChannelScales(q.k(c) * pow);
        return new QuantizedLayer(out.build(), report.build());
    }

    /** [W | W_rec] row-major, [size, fanIn + size]. */
    static float[] rows(DenseLayer l) {
        int inputs = l.inputsPerNeuron();
        float[] r = new float[l.size() * inputs];
        for (int n = 0; n < l.size(); n++) for (int k = 0; k < inputs; k++) r[n * inputs + k] = l.input(n, k);
        return r;
    }
}
