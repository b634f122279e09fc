package dev.spikeforge.compiler.quantize;

/**
 * Integer weights W_int ≈ W·k with their errors.
 *
 * @param values         [size, fanIn] row-major integers in [-qmax, qmax]
 * @param k              integer units per float weight unit
 * @param clipped        weights whose rounded value exceeded qmax and was saturated
 * @param meanAbsError   mean |W − W_int/k|, in float weight units
 * @param maxAbsError    max |W − W_int/k|, in float weight units
 */
public record QuantizedWeights(int[] values, double k, int clipped, double meanAbsError, double maxAbsError) {

    /**
     * Largest single-step dendritic sum magnitude any neuron can receive, in integer weight units: when all its
     * excitatory (or all its inhibitory) inputs spike together.
     */
    public long maxStepDrive(int size, int fanIn) {
        long worst = 0;
        for (int n = 0; n < size; n++) {
            long pos = 0, neg = 0;
            for (int i = 0; i < fanIn; i++) {
                int w = values[n * fanIn + i];
                if (w > 0) pos += w; else neg -= w;
            }
            worst = Math.max(worst, Math.max(pos, neg));
        }
        return worst;
    }
}
