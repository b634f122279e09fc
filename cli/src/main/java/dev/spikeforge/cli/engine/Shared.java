package dev.spikeforge.cli.engine;

import java.io.Serializable;

/** A value every task of an engine reads (a dataset, a network), shipped to each machine once. */
public interface Shared<T> extends Serializable {
    T get();

    /** In one process nothing is shipped: the value itself. */
    static <T extends Serializable> Shared<T> of(T value) {
        return () -> value;
    }
}
