package dev.spikeforge.netx.mapping;

import dev.spikeforge.netx.NetxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a conversion cannot do, each naming the layer, the field and the constraint, so one
 * run reports every problem of a network (as the compiler reports every violated limit) instead of
 * the first.
 */
public final class Problems {
    private final List<String> list = new ArrayList<>();

    /**
     * @param layer e.g. {@code layer 1 'hidden0'}
     */
    public void add(String layer, String field, String constraint) {
        list.add(layer + " " + field + ": " + constraint);
    }

    public void add(String message) {
        list.add(message);
    }

    public int count() {
        return list.size();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Throws when anything was collected; {@code subject} names the file or network. */
    public void throwIfAny(String subject) {
        if (!list.isEmpty()) throw new NetxException(subject, list);
    }
}
