package dev.spikeforge.device.bridge.client;

import dev.spikeforge.proto.Frame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of the device's window: numbers requests, keeps those sent without a reply yet
 * (by seq, with their frames, to send again after a resume), holds those made while no session is
 * open, and bounds how many a caller may have outstanding. At most {@code capacity} at once: a
 * caller waits for room, which is how the device's HelloAck.window bounds what both ends keep.
 *
 * <p>Numbering and the held requests are guarded by the session's lock ({@link SessionRecovery});
 * the room and the requests by seq are safe from any thread (the I/O thread looks replies up and
 * frees places).
 */
final class RequestWindow {
    /**
     * One request: its numbered frame and the future its reply completes; {@code reload}: whose
     * place it takes; {@code deadline}: System.nanoTime() after which it is given up on (see {@link
     * #expire}).
     */
    record Request(
            long seq, Frame frame, CompletableFuture<Frame> reply, boolean reload, long deadline) {}

    /** A request made while the session was not open: numbered and sent once it is. */
    record Held(Frame.Builder frame, CompletableFuture<Frame> reply, long deadline) {}

    private final ConcurrentSkipListMap<Long, Request> bySeq = new ConcurrentSkipListMap<>();

    /**
     * The client's own Close, kept apart from the window: it must get through however full the
     * window is.
     */
    private volatile Request closeRequest;

    private final Object room = new Object();
    // Guarded by room.
    private int capacity;
    private int taken;

    /**
     * Places of the recovery's reload, counted apart: callers waiting for room may take the places
     * a new session frees and then wait, held, for the reload to finish; were the reload to share
     * their places it could wait for them forever. While it runs nothing else is on the wire, so
     * both kinds of place never add up on the device.
     */
    private int reloadTaken;

    // Guarded by the session's lock.
    private long seq;
    private final List<Held> held = new ArrayList<>();

    RequestWindow(int capacity) {
        this.capacity = capacity;
    }

    // ---- room

    /**
     * Waits for room for one more request ({@code reload}: one of the recovery's reload, which has
     * places of its own); false if none came within the time.
     */
    boolean reserve(boolean reload, long millis) throws InterruptedException {
        synchronized (room) {
            long end = 0;
            while ((reload ? reloadTaken : taken) >= capacity) {
                // Bounded so that a very long wait cannot overflow the clock arithmetic.
                if (end == 0)
                    end =
                            System.nanoTime()
                                    + Math.min(
                                            TimeUnit.MILLISECONDS.toNanos(millis),
                                            Long.MAX_VALUE / 4);
                long left = end - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(room, left);
            }
            if (reload) reloadTaken++;
            else taken++;
            return true;
        }
    }

    /**
     * Frees a place reserved but not used (the request was refused, or given up on before it was
     * sent).
     */
    void unreserve(boolean reload) {
        synchronized (room) {
            if (reload) reloadTaken--;
            else taken--;
            // Callers and the reload wait on the same monitor: wake them all, the one whose place
            // came free goes on.
            room.notifyAll();
        }
    }

    /** The most requests outstanding at once. */
    int capacity() {
        synchronized (room) {
            return capacity;
        }
    }

    /**
     * A new limit (a session's HelloAck); places already taken stay taken, callers wait until they
     * are below it.
     */
    void resize(int newCapacity) {
        synchronized (room) {
            capacity = newCapacity;
            room.notifyAll();
        }
    }

    // ---- numbering, under the session's lock

    /** A new session: numbering restarts after the Hello's seq 1. */
    void restartNumbering() {
        seq = 1;
    }

    /** The seq of the last request numbered. */
    long lastNumbered() {
        return seq;
    }

    /**
     * Numbers the frame and registers it with {@code reply}; the caller writes the returned
     * request's frame.
     */
    Request number(
            Frame.Builder builder, CompletableFuture<Frame> reply, boolean reload, long deadline) {
        Frame f = builder.setSeq(++seq).build();
        Request r = new Request(f.getSeq(), f, reply, reload, deadline);
        if (f.getBodyCase() == Frame.BodyCase.CLOSE) closeRequest = r;
        else add(r);
        return r;
    }

    /** Holds a request (its place reserved) until a session is open. */
    void hold(Frame.Builder frame, CompletableFuture<Frame> reply, long deadline) {
        held.add(new Held(frame, reply, deadline));
    }

    /**
     * The requests, sent or held (these under the session's lock), whose deadline has passed, for
     * the caller to fail with TimeoutException; their places are freed as their futures complete.
     * The client sweeps for them periodically instead of arming a timer per request: a per-request
     * timer (CompletableFuture.orTimeout) wakes the JDK's delay thread on every request, one more
     * thread hand-off on the path of every step.
     */
    List<CompletableFuture<Frame>> overdue(long now) {
        List<CompletableFuture<Frame>> out = new ArrayList<>(0);
        for (Request r : bySeq.values()) if (now - r.deadline() >= 0) out.add(r.reply());
        for (Held h : held) if (now - h.deadline() >= 0) out.add(h.reply());
        return out;
    }

    /**
     * The held requests, in order, to send as the session opens; those given up on meanwhile free
     * their places.
     */
    List<Held> releaseHeld() {
        List<Held> out = new ArrayList<>(held.size());
        for (Held h : held) {
            if (h.reply().isDone()) unreserve(false);
            else out.add(h);
        }
        held.clear();
        return out;
    }

    /** Takes every held request out, freeing their places; the caller fails them. */
    List<Held> takeHeld() {
        List<Held> out = new ArrayList<>(held);
        held.clear();
        out.forEach(h -> unreserve(false));
        return out;
    }

    /** Nothing sent awaits a reply and nothing is held. */
    boolean isIdle() {
        return bySeq.isEmpty() && held.isEmpty();
    }

    // ---- requests by seq, from any thread

    private void add(Request r) {
        bySeq.put(r.seq(), r);
        // Its place is freed when its future completes, however (reply, error, timeout, failure).
        r.reply()
                .whenComplete(
                        (f, e) -> {
                            if (bySeq.remove(r.seq(), r)) unreserve(r.reload());
                        });
    }

    /**
     * The request a reply with this ack answers, the client's Close included; null if none (given
     * up on).
     */
    Request get(long ack) {
        Request r = bySeq.get(ack);
        if (r == null) {
            Request c = closeRequest;
            if (c != null && c.seq() == ack) r = c;
        }
        return r;
    }

    /** The requests from {@code seq} on, in order. */
    Collection<Request> from(long seq) {
        return tail(seq).values();
    }

    /**
     * True when every seq from {@code first} to {@code last} is still held (none was given up on).
     */
    boolean holdsAll(long first, long last) {
        if (first > last) return true;
        return tail(first).headMap(last, true).size() == last - first + 1;
    }

    /** Removes every request awaiting a reply, freeing their places; the caller completes them. */
    List<Request> drain() {
        List<Request> out = new ArrayList<>();
        for (Request r : bySeq.values()) {
            if (bySeq.remove(r.seq(), r)) {
                unreserve(r.reload());
                out.add(r);
            }
        }
        return out;
    }

    private ConcurrentNavigableMap<Long, Request> tail(long seq) {
        return bySeq.tailMap(seq, true);
    }
}
