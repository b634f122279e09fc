package dev.spikeforge.compiler.quantize;

/**
 * Per-neuron bias mantissas sharing one exponent: effective bias = mantissa &lt;&lt; exponent.
 *
 * @param saturated neurons whose mantissa was clamped to ±4095
 */
public record EncodedBias(int[] mantissas, int exponent, int saturated) {}
