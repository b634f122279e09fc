package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GEMMs split over the {@link KernelThreads} (BLAS itself then runs one thread per call; see {@link
 * Nd4jRuntime#configure}): by rows of the result when A is not transposed, each part one BLAS call
 * on a contiguous row block, so every entry is computed exactly as one call would; by the summed
 * dimension when A is transposed (a weight gradient summed over samples and steps), each part into
 * a buffer of its own, the parts then added in order. The parts are as many as the threads, fixed
 * per run, so the same thread count gives the same sums. Small products run as one call.
 */
final class ParallelGemm {
    /** Below this many multiply-adds a split costs more than it saves. */
    private static final long MIN_SPLIT = 1L << 21;

    private ParallelGemm() {}

    /** c = a·b (a, b optionally transposed) + beta·c. */
    static void gemm(
            INDArray a,
            INDArray b,
            INDArray c,
            boolean transposeA,
            boolean transposeB,
            double beta) {
        int parts = KernelThreads.inPart() ? 1 : KernelThreads.threads();
        long m = c.rows(), n = c.columns(), k = transposeA ? a.rows() : a.columns();
        if (parts <= 1 || m * n * k < MIN_SPLIT || !contiguousRows(c) || !contiguousRows(a)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
            return;
        }
        if (!transposeA) {
            if (m < 2L * parts) {
                Nd4j.gemm(a, b, c, false, transposeB, 1.0, beta);
                return;
            }
            KernelThreads.run(
                    parts,
                    p -> {
                        long r0 = m * p / parts, r1 = m * (p + 1) / parts;
                        Nd4j.gemm(
                                Ops.rows(a, r0, r1),
                                b,
                                Ops.rows(c, r0, r1),
                                false,
                                transposeB,
                                1.0,
                                beta);
                    });
            return;
        }
        if (transposeB || !contiguousRows(b) || k < 2L * parts) {
            Nd4j.gemm(a, b, c, true, transposeB, 1.0, beta);
            return;
        }
        INDArray[] partial = Partials.of(c, parts);
        KernelThreads.run(
                parts,
                p -> {
                    long k0 = k * p / parts, k1 = k * (p + 1) / parts;
                    Nd4j.gemm(
                            Ops.rows(a, k0, k1),
                            Ops.rows(b, k0, k1),
                            partial[p],
                            true,
                            false,
                            1.0,
                            0.0);
                });
        if (beta == 0) c.assign(partial[0]);
        else if (beta == 1) c.addi(partial[0]);
        else c.muli(beta).addi(partial[0]);
        for (int p = 1; p < parts; p++) c.addi(partial[p]);
    }

    private static boolean contiguousRows(INDArray x) {
        return x.rank() == 2
                && x.ordering() == 'c'
                && x.stride(1) == 1
                && x.stride(0) == x.columns();
    }

    /** Per-part result buffers, by shape, made once per calling thread (the engine's). */
    private static final class Partials {
        private static final ThreadLocal<java.util.Map<String, INDArray[]>> BUFFERS =
                ThreadLocal.withInitial(java.util.HashMap::new);

        static INDArray[] of(INDArray like, int parts) {
            String key = like.dataType() + ":" + like.rows() + "x" + like.columns() + ":" + parts;
            return BUFFERS.get()
                    .computeIfAbsent(
                            key,
                            s -> {
                                INDArray[] b = new INDArray[parts];
                                for (int p = 0; p < parts; p++)
                                    b[p] =
                                            Nd4j.create(
                                                    like.dataType(), like.rows(), like.columns());
                                return b;
                            });
        }
    }
}
