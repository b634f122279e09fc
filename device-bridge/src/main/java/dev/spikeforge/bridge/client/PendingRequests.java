package dev.spikeforge.bridge.client;

import dev.spikeforge.bridge.DeviceException;
import dev.spikeforge.proto.Frame;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for their reply, by the seq the reply will acknowledge. An upload registers one future under
 * the seq of each of its chunks, since the device answers only the last one but reports a failure on any.
 */
final class PendingRequests {
    private final Map<Long, CompletableFuture<Frame>> bySeq = new ConcurrentHashMap<>();
    private volatile DeviceException closedBy;

    void register(long seq, CompletableFuture<Frame> reply) {
        bySeq.put(seq, reply);
        reply.whenComplete((r, e) -> bySeq.remove(seq, reply));
        // failAll may have run before the put: the connection is gone, so this request can never be answered.
        DeviceException closed = closedBy;
        if (closed != null) reply.completeExceptionally(closed);
    }

    /** Routes a reply to its request; an Error fails it with a {@link DeviceException}. Unknown acks are dropped. */
    void complete(Frame reply) {
        CompletableFuture<Frame> f = bySeq.get(reply.getAck());
        if (f == null) return;
        if (reply.getBodyCase() == Frame.BodyCase.ERROR) f.completeExceptionally(toException(reply.getError()));
        else f.complete(reply);
    }

    /** Fails everything waiting and everything registered later. */
    void failAll(DeviceException cause) {
        if (closedBy == null) closedBy = cause;
        for (CompletableFuture<Frame> f : bySeq.values()) f.completeExceptionally(cause);
    }

    static DeviceException toException(dev.spikeforge.proto.Error error) {
        return new DeviceException(error.getCode(), error.getMessage());
    }
}
