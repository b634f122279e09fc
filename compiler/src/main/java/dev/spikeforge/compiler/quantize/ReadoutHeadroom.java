package dev.spikeforge.compiler.quantize;

import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.neuron.CubaLif;

/**
 * Estimates how large a readout's membrane potential can grow, so its exponent leaves room for the
 * class score.
 *
 * <p>Rule: a readout neuron n whose inputs spike with probability ρ per step receives about ρ·A_n
 * per step, where A_n = max(sum of its positive weights, |sum of its negative weights|). Driving
 * the decays the chip will use (the fractions of u and v its leak rule keeps) with a constant unit
 * input for T steps gives the gain G_in(T); a constant unit bias gives G_b(T). The estimate is
 * max_n (ρ·A_n·G_in + |b_n|·G_b). It assumes all of a neuron's excitatory inputs fire at rate ρ
 * while the inhibitory ones are silent, so it overestimates typical scores; ρ itself comes from
 * {@link ReadoutActivity}.
 */
public final class ReadoutHeadroom {
    private ReadoutHeadroom() {}

    public static double peakEstimate(
            FloatLayer layer, int duFixed, int dvFixed, int steps, double activity) {
        return peakEstimate(
                layer,
                1 - CubaLif.currentDecayToFloat(duFixed),
                1 - CubaLif.voltageDecayToFloat(dvFixed),
                steps,
                activity);
    }

    public static double peakEstimate(
            FloatLayer layer, double keepU, double keepV, int steps, double activity) {
        double gIn = gain(keepU, keepV, steps, 1, 0), gBias = gain(keepU, keepV, steps, 0, 1);
        double peak = 0;
        for (int n = 0; n < layer.size(); n++) {
            double pos = 0, neg = 0;
            for (int i = 0; i < layer.fanIn(); i++) {
                float w = layer.weight(n, i);
                if (w > 0) pos += w;
                else neg -= w;
            }
            peak =
                    Math.max(
                            peak,
                            activity * Math.max(pos, neg) * gIn
                                    + Math.abs(layer.bias()[n]) * gBias);
        }
        return peak;
    }

    /**
     * v after {@code steps} steps of the float LIF from rest with constant input a and bias b, no
     * spiking.
     */
    static double gain(double keepU, double keepV, int steps, double a, double b) {
        double u = 0, v = 0;
        for (int t = 0; t < steps; t++) {
            u = u * keepU + a;
            v = v * keepV + u + b;
        }
        return v;
    }
}
