package dev.spikeforge.compiler.quantize;

import dev.spikeforge.proto.SparseWeights;

/**
 * The nonzero entries of a [size, fanIn] integer matrix in the compiled form's CSR-by-source
 * layout.
 */
final class SparseForm {
    private SparseForm() {}

    static SparseWeights of(int[] w, int size, int fanIn) {
        SparseWeights.Builder b = SparseWeights.newBuilder();
        int count = 0;
        b.addSourceStart(0);
        for (int i = 0; i < fanIn; i++) {
            for (int n = 0; n < size; n++) {
                int v = w[n * fanIn + i];
                if (v != 0) {
                    b.addTarget(n).addWeight(v);
                    count++;
                }
            }
            b.addSourceStart(count);
        }
        return b.build();
    }
}
