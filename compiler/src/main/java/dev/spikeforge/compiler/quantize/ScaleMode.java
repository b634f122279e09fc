package dev.spikeforge.compiler.quantize;

import java.util.Locale;

/**
 * How many weight scales a layer gets. PER_LAYER: one k for the layer. PER_CHANNEL: one k per
 * output neuron (conv: per output channel), made exact on the chip by folding each neuron's scale
 * into its own threshold and bias mantissas (a CUBA LIF neuron's spikes do not change when its
 * input weights, bias and threshold are all scaled by the same factor, for reset to zero and reset
 * by subtraction alike). A readout keeps one scale: its potentials are compared across classes.
 */
public enum ScaleMode {
    PER_LAYER,
    PER_CHANNEL;

    /** "per-layer" or "per-channel" (case and - / _ insensitive). */
    public static ScaleMode parse(String s) {
        String v = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown scale mode '" + s + "'; choose per-layer or per-channel");
        }
    }
}
