package dev.spikeforge.compiler.quantize;

/**
 * Integer weights W_int ≈ W·k with their errors.
 *
 * @param values [size, fanIn] row-major integers in [-qmax, qmax] (binary: -1 or +1)
 * @param k integer units per float weight unit
 * @param clipped weights whose rounded value exceeded qmax and was saturated
 * @param meanAbsError mean |W − W_int/k|, in float weight units
 * @param maxAbsError max |W − W_int/k|, in float weight units
 * @param rowScales per-output-channel scales k_r (row r of the quantized matrix), or null for one
 *     scale k
 */
public record QuantizedWeights(
        int[] values,
        double k,
        int clipped,
        double meanAbsError,
        double maxAbsError,
        double[] rowScales) {

    public QuantizedWeights(
            int[] values, double k, int clipped, double meanAbsError, double maxAbsError) {
        this(values, k, clipped, meanAbsError, maxAbsError, null);
    }

    /**
     * The same quantization with its integers replaced (e.g. expanded from shared weights to
     * explicit synapses).
     */
    public QuantizedWeights withValues(int[] expanded) {
        return new QuantizedWeights(expanded, k, clipped, meanAbsError, maxAbsError, rowScales);
    }

    /** Scale of row r. */
    public double k(int r) {
        return rowScales == null ? k : rowScales[r];
    }

    /** The largest scale of any row. */
    public double kMax() {
        if (rowScales == null) return k;
        double m = 0;
        for (double x : rowScales) m = Math.max(m, x);
        return m;
    }

    /**
     * Largest single-step dendritic sum magnitude any neuron can receive, in integer weight units:
     * when all its excitatory (or all its inhibitory) inputs spike together.
     */
    public long maxStepDrive(int size, int fanIn) {
        long worst = 0;
        for (int n = 0; n < size; n++) {
            long pos = 0, neg = 0;
            for (int i = 0; i < fanIn; i++) {
                int w = values[n * fanIn + i];
                if (w > 0) pos += w;
                else neg -= w;
            }
            worst = Math.max(worst, Math.max(pos, neg));
        }
        return worst;
    }

    /**
     * The most distinct nonzero values one neuron's weights take (axon-type chips hold that many
     * per neuron).
     */
    public int maxLevels(int size, int fanIn) {
        int worst = 0;
        java.util.BitSet seen = new java.util.BitSet();
        for (int n = 0; n < size; n++) {
            seen.clear();
            for (int i = 0; i < fanIn; i++) {
                int w = values[n * fanIn + i];
                // Offset by 2^16 keeps negative values as set bits; weights are at most 16 bits.
                if (w != 0) seen.set(w + (1 << 16));
            }
            worst = Math.max(worst, seen.cardinality());
        }
        return worst;
    }
}
