package dev.spikeforge.trainer.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The threads the engine's own (Java) elementwise kernels run on, process-wide like ND4J's settings
 * ({@link Nd4jRuntime#configure}). Work is cut into a fixed number of parts that each compute whole
 * output elements, so results do not depend on how many threads run them.
 */
final class KernelThreads {
    private static volatile int threads = 1;

    /**
     * Set while a thread runs a part: work it starts then runs inline (the pool's threads are all
     * taken).
     */
    private static final ThreadLocal<Boolean> IN_PART = ThreadLocal.withInitial(() -> false);

    private static ExecutorService pool;
    private static int poolSize;

    private KernelThreads() {}

    static synchronized void configure(int n) {
        threads = Math.max(1, n);
    }

    static int threads() {
        return threads;
    }

    /** True on a thread that is running a part (its own splits then run inline). */
    static boolean inPart() {
        return IN_PART.get();
    }

    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolSize < workers) {
            if (pool != null) pool.shutdown();
            pool =
                    Executors.newFixedThreadPool(
                            workers,
                            r -> {
                                Thread t = new Thread(r, "spikeforge-kernel");
                                t.setDaemon(true);
                                return t;
                            });
            poolSize = workers;
        }
        return pool;
    }

    private static void inPart(IntConsumer part, int first, int parts, int step) {
        IN_PART.set(true);
        try {
            for (int p = first; p < parts; p += step) part.accept(p);
        } finally {
            IN_PART.set(false);
        }
    }

    /**
     * Runs part(0) … part(parts − 1), on up to {@link #threads()} threads (the caller takes the
     * first part); inline when called from inside a part.
     */
    static void run(int parts, IntConsumer part) {
        int n = IN_PART.get() ? 1 : Math.min(parts, threads);
        if (n <= 1) {
            for (int p = 0; p < parts; p++) part.accept(p);
            return;
        }
        ExecutorService workers = pool(n - 1);
        @SuppressWarnings("unchecked")
        Future<?>[] pending = new Future<?>[n - 1];
        for (int w = 1; w < n; w++) {
            int first = w;
            pending[w - 1] = workers.submit(() -> inPart(part, first, parts, n));
        }
        RuntimeException failure = null;
        try {
            inPart(part, 0, parts, n);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the kernel threads ran", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null)
                    failure =
                            e.getCause() instanceof RuntimeException r
                                    ? r
                                    : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) throw failure;
    }
}
