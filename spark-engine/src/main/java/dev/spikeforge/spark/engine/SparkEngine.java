package dev.spikeforge.spark.engine;

import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.engine.Shared;
import dev.spikeforge.cli.engine.TaskFunction;
import dev.spikeforge.cli.engine.TaskListener;
import dev.spikeforge.cli.engine.TasksFailedException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Tasks as Spark jobs of one task each, all submitted at once: Spark runs as many as the executors
 * have cores, retries a failed one (spark.task.maxFailures) and, because each is its own job, a
 * task that fails for good stops no other. Results come back to this driver process as each job
 * ends.
 */
public final class SparkEngine implements Engine {
    /** How often the driver looks for ended jobs. */
    static final long POLL_MS = 100;

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final JavaSparkContext sc;
    private final int attempts;
    private final Map<Object, Shared<?>> shared = new IdentityHashMap<>();

    public SparkEngine(SparkConf conf) {
        this.sc = new JavaSparkContext(conf);
        this.attempts = conf.getInt("spark.task.maxFailures", SparkSettings.DEFAULT_ATTEMPTS);
    }

    @Override
    public String name() {
        return "spark (" + sc.master() + ")";
    }

    @Override
    public int parallelism() {
        return sc.defaultParallelism();
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    /**
     * One broadcast per object: energy shares the same test set for every profile, and it is sent
     * to the executors once, not once per profile.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends Serializable> Shared<T> share(T value) {
        synchronized (shared) {
            return (Shared<T>)
                    shared.computeIfAbsent(value, v -> new BroadcastShared<>(sc.broadcast(value)));
        }
    }

    @Override
    public <T extends Serializable, R extends Serializable> void run(
            List<T> tasks, TaskFunction<T, R> fn, TaskListener<R> listener)
            throws InterruptedException {
        if (tasks.isEmpty()) return;
        String run = Integer.toString(RUNS.incrementAndGet());
        Object lock = new Object();
        TaskTracker tracker = new TaskTracker(run, listener, lock);
        sc.sc().addSparkListener(tracker);
        Map<Integer, JavaFutureAction<List<R>>> pending = new LinkedHashMap<>();
        try {
            for (int i = 0; i < tasks.size(); i++) {
                LongAccumulator progress =
                        sc.sc().longAccumulator("spikeforge progress " + run + ":" + i);
                tracker.progressOf(progress.id(), i);
                sc.setLocalProperty(TaskTracker.TASK_PROPERTY, run + ":" + i);
                pending.put(
                        i,
                        sc.parallelize(List.of(tasks.get(i)), 1)
                                .map(new RunTask<>(fn, progress))
                                .collectAsync());
            }
            List<TasksFailedException.Failure> failed = new ArrayList<>();
            while (!pending.isEmpty()) {
                for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (!e.getValue().isDone()) continue;
                    it.remove();
                    int task = e.getKey();
                    try {
                        R r = e.getValue().get(0, TimeUnit.MILLISECONDS).get(0);
                        synchronized (lock) {
                            tracker.done(task);
                            listener.done(task, r);
                        }
                    } catch (ExecutionException | TimeoutException x) {
                        synchronized (lock) {
                            tracker.done(task);
                        }
                        failed.add(
                                new TasksFailedException.Failure(
                                        task,
                                        FailureReason.attempts(x, attempts),
                                        FailureReason.of(x)));
                    }
                }
                if (!pending.isEmpty()) Thread.sleep(POLL_MS);
            }
            if (!failed.isEmpty()) throw new TasksFailedException(failed);
        } finally {
            sc.setLocalProperty(TaskTracker.TASK_PROPERTY, null);
            // Interrupted (or a result that could not be saved): stop what is still running rather
            // than leave it to the cluster.
            for (JavaFutureAction<List<R>> f : pending.values()) f.cancel(true);
            sc.sc().removeSparkListener(tracker);
        }
    }

    @Override
    public void close() {
        sc.stop();
    }
}
