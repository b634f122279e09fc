package dev.spikeforge.spark.engine;

import dev.spikeforge.cli.engine.Shared;
import org.apache.spark.broadcast.Broadcast;

/** A shared value as a Spark broadcast: sent to each executor once, read by all its tasks. */
record BroadcastShared<T>(Broadcast<T> broadcast) implements Shared<T> {
    @Override
    public T get() {
        return broadcast.value();
    }
}
