package dev.spikeforge.bridge.client;

import dev.spikeforge.proto.Frame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The requests sent (or waiting to be sent) that have no reply yet, by seq, with their frames so they can be sent
 * again after a resume. At most {@code window} at once: a caller waits for room, which is how the device's
 * HelloAck.window bounds what both ends keep.
 */
final class InFlight {
    /** One request: its numbered frame and the future its reply completes. */
    record Request(long seq, Frame frame, CompletableFuture<Frame> reply) {}

    private final ConcurrentSkipListMap<Long, Request> bySeq = new ConcurrentSkipListMap<>();
    private final Semaphore room;

    InFlight(int window) {
        room = new Semaphore(window);
    }

    /** Waits for room for one more request; false if none came within the time. */
    boolean reserve(long millis) throws InterruptedException {
        return room.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    void unreserve() {
        room.release();
    }

    /** Registers a request taking a reserved place; its place is freed when its future completes, however. */
    void add(Request r) {
        bySeq.put(r.seq(), r);
        r.reply().whenComplete((f, e) -> {
            if (bySeq.remove(r.seq(), r)) room.release();
        });
    }

    Request get(long seq) {
        return bySeq.get(seq);
    }

    boolean isEmpty() {
        return bySeq.isEmpty();
    }

    /** The requests from {@code seq} on, in order. */
    Collection<Request> from(long seq) {
        return tail(seq).values();
    }

    /** True when every seq from {@code first} to {@code last} is still held (none was given up on). */
    boolean holdsAll(long first, long last) {
        if (first > last) return true;
        return tail(first).headMap(last, true).size() == last - first + 1;
    }

    /** Removes every request held, freeing their places; the caller completes them. */
    List<Request> drain() {
        List<Request> out = new ArrayList<>();
        for (Request r : bySeq.values()) {
            if (bySeq.remove(r.seq(), r)) {
                room.release();
                out.add(r);
            }
        }
        return out;
    }

    private ConcurrentNavigableMap<Long, Request> tail(long seq) {
        return bySeq.tailMap(seq, true);
    }
}
