package dev.spikeforge.trainer.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** One place that prepares ND4J: float defaults and the thread budget. */
public final class Nd4jRuntime {
    private Nd4jRuntime() {}

    /**
     * {@link #configure(int, boolean)} for a run that rate-codes in the background when it has 2+
     * threads.
     */
    public static synchronized void configure(int threads) {
        configure(threads, threads > 1);
    }

    /**
     * Loads the native backend (a few seconds on first use) and sets its threads, process-wide (the
     * last caller wins; Spikeforge runs one training or evaluation at a time per process).
     *
     * <p>How a budget of {@code threads} is spent, from measurements on 2 busy cores (the figures:
     * docs/benchmarks.md, "Engine design measurements"):
     *
     * <ul>
     *   <li>when a background thread encodes the next batch (rate coding, see {@link
     *       dev.spikeforge.trainer.input.BatchEncoder}), the math gets the rest. Rate coding costs
     *       about half of a batch's compute; overlapping it beat giving both cores to the math,
     *       because the math's second thread and the encoder otherwise fight for the same core;
     *   <li>the math threads are the engine's own ({@link KernelThreads}): its fused kernels, its
     *       conv chunks and its GEMMs ({@link ParallelGemm}) split their work over them, and every
     *       BLAS call runs on one thread. Letting BLAS split each GEMM instead left the im2col
     *       copies and the elementwise work on one core, and switching OpenBLAS's thread count
     *       between calls is not free;
     *   <li>ND4J's elementwise ops run on one OpenMP thread per calling thread: OpenMP's spinning
     *       workers made each step several times slower next to busy math or encoder threads.
     * </ul>
     *
     * A side effect worth having: with a background encoder, 1 and 2 threads run the same
     * single-threaded arithmetic, so they train bit-identical networks.
     */
    public static synchronized void configure(int threads, boolean backgroundEncoder) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        KernelThreads.configure(backgroundEncoder ? mathThreads(threads) : threads);
    }

    /** Threads left for the math once the background encoder has one. */
    public static int mathThreads(int threads) {
        return Math.max(1, threads - 1);
    }
}
