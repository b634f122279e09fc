package dev.spikeforge.spark.engine;

import dev.spikeforge.cli.engine.TaskFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;

/**
 * One task's work on an executor. Its progress goes into an accumulator of its own, whose value
 * Spark sends to the driver with each executor heartbeat while the task runs ({@link TaskTracker}
 * reads it there).
 */
record RunTask<T, R>(TaskFunction<T, R> fn, LongAccumulator progress) implements Function<T, R> {
    @Override
    public R call(T task) throws Exception {
        long[] last = {0};
        // The accumulator adds up; the task reports where it is: add the difference.
        return fn.apply(
                task,
                v -> {
                    progress.add(v - last[0]);
                    last[0] = v;
                });
    }
}
