package dev.spikeforge.spark.engine;

import dev.spikeforge.cli.engine.TaskListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's events of one {@link SparkEngine#run}, turned into what its {@link TaskListener} hears: a
 * task started (a job of this run started its stage's task), and the progress running tasks report
 * (their accumulators' values in executor heartbeats). Calls reach the listener under {@code lock},
 * one at a time, never for a task already done.
 */
final class TaskTracker extends SparkListener {
    /** The job property that names the run and task a job belongs to ("run:task"). */
    static final String TASK_PROPERTY = "spikeforge.task";

    private final String run;
    private final TaskListener<?> listener;
    private final Object lock;
    private final Map<Integer, Integer> taskOfStage = new HashMap<>();
    private final Map<Long, Integer> taskOfAccumulator = new HashMap<>();
    private final Set<Integer> done = new HashSet<>();

    TaskTracker(String run, TaskListener<?> listener, Object lock) {
        this.run = run;
        this.listener = listener;
        this.lock = lock;
    }

    void progressOf(long accumulatorId, int task) {
        synchronized (lock) {
            taskOfAccumulator.put(accumulatorId, task);
        }
    }

    /** Called under the lock once the task's result is in: later events about it are stale. */
    void done(int task) {
        done.add(task);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String tag = job.properties() == null ? null : job.properties().getProperty(TASK_PROPERTY);
        if (tag == null || !tag.startsWith(run + ":")) return;
        int task = Integer.parseInt(tag.substring(run.length() + 1));
        synchronized (lock) {
            for (Object stage : CollectionConverters.asJava(job.stageIds()))
                taskOfStage.put((Integer) stage, task);
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        synchronized (lock) {
            Integer task = taskOfStage.get(start.stageId());
            if (task != null && !done.contains(task)) listener.started(task);
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        synchronized (lock) {
            for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t :
                    CollectionConverters.asJava(update.accumUpdates())) {
                for (AccumulableInfo info : CollectionConverters.asJava(t._4())) {
                    Integer task = taskOfAccumulator.get(info.id());
                    if (task == null || done.contains(task) || info.update().isEmpty()) continue;
                    if (info.update().get() instanceof Number n)
                        listener.progress(task, n.longValue());
                }
            }
        }
    }
}
