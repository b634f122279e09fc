package dev.spikeforge.cli.engine;

import java.io.Serializable;
import java.util.List;

/**
 * Where independent tasks run: in this process ({@link LocalEngine}, the default) or spread over
 * the machines of a cluster (the Spark engine, a module of its own found at run time by {@link
 * Engines}). The work is the same either way; only tasks, what they share and what they return
 * cross the boundary, so all three are {@link Serializable}.
 */
public interface Engine extends AutoCloseable {
    /** The name given to --engine. */
    String name();

    /**
     * Tasks run at once (threads here, executor cores on a cluster): how finely work is worth
     * splitting.
     */
    int parallelism();

    /**
     * True when tasks run in this process, so callers may keep their in-process paths unchanged.
     */
    boolean inProcess();

    /** Makes a value every task may read (sent once to each machine, not with every task). */
    <T extends Serializable> Shared<T> share(T value);

    /**
     * Runs {@code fn} on every task; the listener hears, on this process and one call at a time,
     * when a task starts, what it reports and its result as soon as it ends. Returns when every
     * task has ended.
     *
     * @throws TasksFailedException after the others have ended, naming each task that failed (after
     *     the engine's retries)
     */
    <T extends Serializable, R extends Serializable> void run(
            List<T> tasks, TaskFunction<T, R> fn, TaskListener<R> listener)
            throws InterruptedException;

    @Override
    void close();
}
