package dev.spikeforge.cli.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tasks on a pool of threads in this process, each tried once: the default engine. */
public final class LocalEngine implements Engine {
    private final int threads;

    public LocalEngine(int threads) {
        if (threads < 1) throw new IllegalArgumentException("--jobs: must be >= 1, got " + threads);
        this.threads = threads;
    }

    @Override
    public String name() {
        return Engines.LOCAL;
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public <T extends Serializable> Shared<T> share(T value) {
        return Shared.of(value);
    }

    @Override
    public <T extends Serializable, R extends Serializable> void run(
            List<T> tasks, TaskFunction<T, R> fn, TaskListener<R> listener)
            throws InterruptedException {
        if (tasks.isEmpty()) return;
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        Math.min(threads, tasks.size()),
                        r -> {
                            Thread t = new Thread(r, "engine-task");
                            t.setDaemon(true);
                            return t;
                        });
        Object lock = new Object();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                int task = i;
                futures.add(
                        pool.submit(
                                () -> {
                                    synchronized (lock) {
                                        listener.started(task);
                                    }
                                    R r =
                                            fn.apply(
                                                    tasks.get(task),
                                                    v -> {
                                                        synchronized (lock) {
                                                            listener.progress(task, v);
                                                        }
                                                    });
                                    synchronized (lock) {
                                        listener.done(task, r);
                                    }
                                    return null;
                                }));
            }
            List<TasksFailedException.Failure> failed = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    // An error of the JVM itself (out of memory) ends the run as before; a task's
                    // own failure is reported with the others.
                    if (e.getCause() instanceof Error err) throw err;
                    failed.add(
                            new TasksFailedException.Failure(
                                    i, 1, TasksFailedException.reason(e.getCause())));
                }
            }
            if (!failed.isEmpty()) throw new TasksFailedException(failed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {}
}
