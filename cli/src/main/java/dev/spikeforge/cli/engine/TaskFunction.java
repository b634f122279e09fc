package dev.spikeforge.cli.engine;

import java.io.Serializable;
import java.util.function.LongConsumer;

/** The work of one task; serializable so an engine can send it to another machine. */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
    /**
     * @param progress how far the task is (e.g. epochs done), shown by the driver while it runs
     */
    R apply(T task, LongConsumer progress) throws Exception;
}
