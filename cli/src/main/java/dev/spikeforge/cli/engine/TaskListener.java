package dev.spikeforge.cli.engine;

/**
 * What the driver hears about tasks, by their index in the list given to {@link Engine#run}; one
 * call at a time.
 */
public interface TaskListener<R> {
    /** A task started (again, when an engine retries it). */
    default void started(int task) {}

    /** The latest value a running task reported (the engine may report only some of them). */
    default void progress(int task, long value) {}

    /** A task ended with this result. */
    void done(int task, R result);
}
