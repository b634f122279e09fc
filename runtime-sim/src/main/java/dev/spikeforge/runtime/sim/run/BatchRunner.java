package dev.spikeforge.runtime.sim.run;

import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent samples on several threads, each with its own {@link Simulator} over one shared
 * model. Results come back in sample order and counters are integer sums, so the outcome is
 * identical for any thread count.
 */
public final class BatchRunner {
    /** Runs one sample on a simulator this thread owns (the task resets it as needed). */
    @FunctionalInterface
    public interface SampleTask<R> {
        R run(Simulator sim, int sample);
    }

    public record Batch<R>(List<R> results, ActivityCounters counters, ChipClock clock) {}

    private BatchRunner() {}

    /**
     * @param progress called with the number of samples done (serialized; may be null)
     */
    public static <R> Batch<R> run(
            SimModel model, int samples, int threads, SampleTask<R> task, IntConsumer progress) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (model.options().threads() != 1) {
            throw new IllegalArgumentException(
                    "batch runs give each thread its own simulator: build the model with threads ="
                            + " 1");
        }
        int t = Math.max(1, Math.min(threads, samples));
        Object[] results = new Object[samples];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Simulator[] sims = new Simulator[t];
        Throwable[] failure = new Throwable[1];
        Runnable[] bodies = new Runnable[t];
        for (int i = 0; i < t; i++) {
            Simulator sim = sims[i] = new Simulator(model);
            bodies[i] =
                    () -> {
                        for (int k; (k = next.getAndIncrement()) < samples; ) {
                            results[k] = task.run(sim, k);
                            int d = done.incrementAndGet();
                            if (progress != null)
                                synchronized (progress) {
                                    progress.accept(d);
                                }
                        }
                    };
        }
        if (t == 1) bodies[0].run();
        else {
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < t; i++) {
                Runnable body = bodies[i];
                Thread th =
                        new Thread(
                                () -> {
                                    try {
                                        body.run();
                                    } catch (Throwable e) {
                                        synchronized (failure) {
                                            if (failure[0] == null) failure[0] = e;
                                        }
                                        next.set(samples); // stop the others early
                                    }
                                },
                                "spikeforge-batch-" + i);
                th.start();
                ts.add(th);
            }
            for (Thread th : ts) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the batch", e);
                }
            }
            if (failure[0] instanceof RuntimeException re) throw re;
            if (failure[0] instanceof Error er) throw er;
            if (failure[0] != null) throw new IllegalStateException(failure[0]);
        }
        ActivityCounters total = ActivityCounters.empty(model.cores(), model.layerCount());
        ChipClock clock = sims[0].clock().emptyCopy();
        for (Simulator s : sims) {
            total.add(s.counters());
            clock.add(s.clock());
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return new Batch<>(List.copyOf(list), total, clock);
    }
}
