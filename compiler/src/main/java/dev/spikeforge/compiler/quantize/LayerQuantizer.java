package dev.spikeforge.compiler.quantize;

import static dev.spikeforge.neuron.FixedPoint.ACT_SHIFT;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.WeightTying;
import dev.spikeforge.neuron.Firing;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.neuron.codec.NeuronCodec;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerQuantization;

/**
 * Turns one float layer into its fixed-point form. With W_int = round(W·k) and exponent e the
 * chip's state is the float state times K = k·2^e·2⁶, hence vth_mant = round(θ·k·2^e), bias·K =
 * bias_mant &lt;&lt; bias_exp, and scale = k·2^e is recorded to map results back to float units.
 * Decays become the chip's leak rule ({@link Leak}).
 */
public final class LayerQuantizer {
    private LayerQuantizer() {}

    /** Loihi datapath and CUBA LIF, k = qmax / max|W| (see {@link QuantSpec#loihi}). */
    public static QuantizedLayer quantize(
            FloatLayer layer,
            int weightBits,
            Rounding rounding,
            int readoutSteps,
            double readoutActivity) {
        return quantize(
                layer, QuantSpec.loihi(weightBits, rounding, readoutSteps, readoutActivity));
    }

    public static QuantizedLayer quantize(FloatLayer layer, QuantSpec spec) {
        // Recurrent and feed-forward inputs are summed before the exponent, so they share one
        // scale: quantize the
        // rows [W | W_rec] together. Tied weights (conv kernels, a pooled source) are quantized
        // once, then expanded.
        int inputs = layer.inputsPerNeuron();
        WeightTying tying = layer.tying();
        float[] params =
                tying != null ? tying.params() : layer.recurrent() ? rows(layer) : layer.weights();
        int channels = tying != null ? tying.channels() : layer.size();
        int cols = channels == 0 ? 0 : params.length / channels;
        // The readout's potentials are compared across classes, so it keeps one scale.
        boolean perChannel = spec.scaleMode() == ScaleMode.PER_CHANNEL && !layer.readout();
        QuantizedWeights q0 =
                perChannel
                        ? WeightQuantizer.quantizePerRow(
                                params,
                                channels,
                                cols,
                                spec.weightBits(),
                                spec.rounding(),
                                spec.scaleRule())
                        : WeightQuantizer.quantize(
                                params, spec.weightBits(), spec.rounding(), spec.scaleRule());
        FloatLifParams p = layer.neuron();
        Leak leak = Leak.of(p, spec.lifModel());
        Datapath d = spec.datapath();
        double threshold = p.getThreshold();
        double peak =
                layer.readout()
                        ? ReadoutHeadroom.peakEstimate(
                                layer,
                                leak.keepU(),
                                leak.keepV(),
                                spec.readoutSteps(),
                                spec.readoutActivity())
                        : 0;

        ExponentChoice.Grid g0 = grid(layer, spec, params, channels, cols, q0, 0);
        ExponentChoice.Range range =
                g -> {
                    if (layer.readout()) {
                        int e =
                                WeightExponent.forReadout(
                                        g.expanded().k(), g.drive(), peak, g.maxAbsBias(), d);
                        return new int[] {e, e};
                    }
                    int low =
                            WeightExponent.forSpiking(
                                    threshold, g.kMin(), g.kMax(), g.drive(), g.maxAbsBias(), d);
                    int high =
                            WeightExponent.highestFitting(
                                    low,
                                    Math.max(low, Math.min(0, d.expMax())),
                                    threshold,
                                    g.kMax(),
                                    g.drive(),
                                    g.maxAbsBias(),
                                    d);
                    return new int[] {low, high};
                };
        // Binary weights have one level and ternary ones one step: no coarser grid to trade for a
        // higher exponent.
        int maxShift = spec.weightBits() <= 2 ? 0 : spec.weightBits() - 2;
        ExponentChoice.Choice choice =
                ExponentChoice.choose(
                        j -> j == 0 ? g0 : grid(layer, spec, params, channels, cols, q0, j),
                        maxShift,
                        range,
                        activeInputs(layer, g0.expanded().values(), spec));
        QuantizedWeights q = choice.grid().weights();
        QuantizedWeights w = choice.grid().expanded();
        int e = choice.exponent();
        double[] kOf = new double[layer.size()];
        for (int n = 0; n < kOf.length; n++) kOf[n] = w.k(tying != null ? tying.channelOf(n) : n);

        int vthMant;
        int[] vthMants = null;
        double thresholdError = 0;
        if (layer.readout()) {
            // Never compared (readout = true); the largest mantissa keeps even a consumer that
            // ignores the flag silent.
            vthMant = d.vthMantMax();
        } else if (perChannel) {
            vthMants = new int[layer.size()];
            for (int n = 0; n < vthMants.length; n++) {
                double exact = threshold * kOf[n] * Math.scalb(1.0, e);
                vthMants[n] =
                        (int) Math.max(1, Math.min(d.vthMantMax(), Rounding.NEAREST.apply(exact)));
                thresholdError = Math.max(thresholdError, Math.abs(vthMants[n] - exact) / exact);
            }
            // The per-layer field keeps its meaning: the threshold at `scale` (the smallest neuron
            // scale), so tools
            // that map vth_mant back with `scale` show θ. Each neuron fires against its own
            // vth_mants[n].
            double atScale = threshold * w.k() * Math.scalb(1.0, e);
            vthMant = (int) Math.max(1, Math.min(d.vthMantMax(), Rounding.NEAREST.apply(atScale)));
        } else {
            double exact = threshold * w.k() * Math.scalb(1.0, e);
            vthMant = (int) Math.max(1, Math.min(d.vthMantMax(), Rounding.NEAREST.apply(exact)));
            thresholdError = Math.abs(vthMant - exact) / exact;
        }
        double pow = Math.scalb(1.0, e);
        double scale = w.k() * pow;
        double[] stateScale = new double[layer.size()];
        for (int n = 0; n < stateScale.length; n++) stateScale[n] = kOf[n] * pow * (1 << ACT_SHIFT);
        EncodedBias bias = BiasEncoder.encode(layer.bias(), stateScale);

        Reset reset = NeuronCodec.reset(p.getReset());
        Firing firing =
                vthMants == null
                        ? Firing.of(vthMant, reset, layer.readout(), 0)
                        : Firing.perNeuron(vthMants, reset, layer.readout(), 0);
        CompiledLayer.Builder out =
                NeuronCodec.writeTo(leak.neuron(firing), CompiledLayer.newBuilder())
                        .setName(layer.name())
                        .setSize(layer.size())
                        .setFanIn(layer.fanIn())
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
            for (int m = layer.fanIn(); m < inputs; m++)
                out.addRecurrentWeights(w.values()[n * inputs + m]);
        }
        for (int m : bias.mantissas()) out.addBiasMant(m);
        if (vthMants != null) {
            // The model fires on vth_mants; the per-layer field keeps the threshold at `scale` (see
            // above).
            out.getNeuronBuilder().setVthMant(vthMant);
            for (int n = 0; n < layer.size(); n++) out.addNeuronScales(kOf[n] * pow);
        }

        LayerQuantization.Builder report =
                LayerQuantization.newBuilder()
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
                        .setPerChannelMeanAbsError(
                                WeightQuantizer.perChannelMeanAbsError(
                                        params, channels, cols, spec.weightBits(), spec.rounding()))
                        .setWeightBits(spec.weightBits())
                        .setScaleMode(
                                (perChannel ? ScaleMode.PER_CHANNEL : ScaleMode.PER_LAYER).name())
                        .setTruncationMaxError(choice.truncationMax())
                        .setExpectedActiveInputs(choice.activeInputs())
                        .setEffectiveMeanAbsError(choice.effectiveMean())
                        .setEffectiveMaxAbsError(choice.effectiveMax())
                        .setMantissaShift(choice.grid().shift());
        if (perChannel) for (int c = 0; c < channels; c++) report.addChannelScales(q.k(c) * pow);
        return new QuantizedLayer(out.build(), report.build()).reading(layer.sources());
    }

    /**
     * The weights at grid shift j (see {@link ExponentChoice}) with what the exponent tests need.
     */
    private static ExponentChoice.Grid grid(
            FloatLayer layer,
            QuantSpec spec,
            float[] params,
            int channels,
            int cols,
            QuantizedWeights q0,
            int shift) {
        WeightTying tying = layer.tying();
        QuantizedWeights q =
                WeightQuantizer.coarser(
                        params, q0, channels, cols, spec.weightBits(), shift, spec.rounding());
        QuantizedWeights w = tying != null ? q.withValues(tying.expand(q.values())) : q;
        int size = layer.size();
        double kMax = w.kMax(), maxBias = 0, invK = 0;
        for (int n = 0; n < size; n++) {
            double k = w.k(tying != null ? tying.channelOf(n) : n);
            maxBias = Math.max(maxBias, Math.abs(layer.bias()[n]) * k / kMax);
            invK += 1 / k;
        }
        // Every source drives the same synapses, a pooled one read by windows with up to pool²
        // spikes per column: the
        // one-step sum is the matrix's times the sources' payloads (recurrent synapses included: an
        // overestimate).
        long drive = w.maxStepDrive(size, layer.inputsPerNeuron()) * layer.sources().payloadSum();
        return new ExponentChoice.Grid(
                shift, q, w, drive, kMax, maxBias, size == 0 ? 1 / kMax : invK / size);
    }

    /**
     * Expected inputs active in one step, per neuron on average: Σ of its nonzero synapses' source
     * rates (feed-forward and recurrent), at least 1; 1 when no rate is known (the case where
     * truncation weighs most).
     */
    static double activeInputs(FloatLayer layer, int[] values, QuantSpec spec) {
        double ff = spec.inputRate(), rec = spec.recurrentRate();
        if (Double.isNaN(ff) && Double.isNaN(rec)) return 1;
        int inputs = layer.inputsPerNeuron(), fanIn = layer.fanIn();
        long nnzFf = 0, nnzRec = 0;
        for (int n = 0; n < layer.size(); n++) {
            for (int i = 0; i < inputs; i++) {
                if (values[n * inputs + i] == 0) continue;
                if (i < fanIn) nnzFf++;
                else nnzRec++;
            }
        }
        double active =
                ((Double.isNaN(ff) ? 0 : ff) * nnzFf + (Double.isNaN(rec) ? 0 : rec) * nnzRec)
                        / Math.max(1, layer.size());
        return Math.max(1, active);
    }

    /** [W | W_rec] row-major, [size, fanIn + size]. */
    static float[] rows(FloatLayer l) {
        int inputs = l.inputsPerNeuron();
        float[] r = new float[l.size() * inputs];
        for (int n = 0; n < l.size(); n++)
            for (int k = 0; k < inputs; k++) r[n * inputs + k] = l.input(n, k);
        return r;
    }
}
