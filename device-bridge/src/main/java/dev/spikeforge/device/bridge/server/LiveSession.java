package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.device.ChipDevice;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.HelloAck;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session at run time: its {@link Session} state machine, the queue of work for it, and the
 * connection it is attached to, if any. Work runs on the shared device threads but never two items
 * of one session at once, so the session and its device see one thread at a time; a hung device
 * holds one thread, not the others' sessions. A session outlives its connection (detached) when
 * resume is on, until it is resumed or expires.
 */
final class LiveSession implements Runnable {
    private static final System.Logger LOG = System.getLogger(LiveSession.class.getName());

    /** Items run before the worker flushes and yields its thread to other sessions. */
    private static final int BATCH = 64;

    /**
     * Reads from the connection pause at the high water mark of queued frames or bytes, resume at
     * the low one.
     */
    static final int HIGH_FRAMES = 64;

    static final int LOW_FRAMES = 16;
    static final long HIGH_BYTES = 4L << 20;
    static final long LOW_BYTES = 1L << 20;

    private record Open(long helloSeq, HelloAck.Builder ack) {}

    private record Attach(ConnectionHandler connection, long lastReceived, HelloAck.Builder ack) {}

    private record Detach(ConnectionHandler connection) {}

    private record Fail(ErrorCode code, String message) {}

    private enum Control {
        DRAIN,
        FINISH_DRAIN,
        EXPIRE
    }

    private final Session session;
    private final ChipDevice device;
    private final ReplayBuffer replay;
    private final SessionRegistry registry;
    private final Executor workers;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();

    /** Set while the worker waits for the connection to take replies again. */
    private final AtomicBoolean awaitingWritable = new AtomicBoolean();

    /** The attached connection; written by the worker, read by the watchdog. */
    private volatile ConnectionHandler outlet;

    private volatile long busySince;
    private volatile long currentSeq;
    private volatile boolean timedOut;
    private volatile long detachedSince;
    private volatile boolean ended;
    private boolean draining;

    /** Replies of the current run, handed to the connection in one go when the run ends. */
    private List<Frame> outbox = new ArrayList<>();

    LiveSession(
            Session session,
            ChipDevice device,
            boolean resumable,
            int window,
            SessionRegistry registry,
            Executor workers,
            ConnectionHandler connection) {
        this.session = session;
        this.device = device;
        this.replay = resumable ? new ReplayBuffer(window) : null;
        this.registry = registry;
        this.workers = workers;
        this.outlet = connection;
    }

    String id() {
        return session.id();
    }

    // ---- called from the I/O threads and the watchdog

    /** Queues a host frame; true when the connection should stop reading until the queue drains. */
    boolean offer(Frame frame) {
        int frames = queuedFrames.incrementAndGet();
        long bytes = queuedBytes.addAndGet(frame.getSerializedSize());
        enqueue(frame);
        return frames >= HIGH_FRAMES || bytes >= HIGH_BYTES;
    }

    boolean belowLowWater() {
        return queuedFrames.get() <= LOW_FRAMES && queuedBytes.get() <= LOW_BYTES;
    }

    void open(long helloSeq, HelloAck.Builder ack) {
        enqueue(new Open(helloSeq, ack));
    }

    void resume(ConnectionHandler connection, long lastReceived, HelloAck.Builder ack) {
        enqueue(new Attach(connection, lastReceived, ack));
    }

    void detach(ConnectionHandler connection) {
        enqueue(new Detach(connection));
    }

    void fail(ErrorCode code, String message) {
        enqueue(new Fail(code, message));
    }

    void drain() {
        enqueue(Control.DRAIN);
    }

    boolean ended() {
        return ended;
    }

    /**
     * Watchdog: expires a session detached for too long, and ends one whose request runs too long.
     */
    void check(long now, long requestTimeoutNanos, long resumeTimeoutNanos) {
        long detached = detachedSince;
        if (detached != 0 && now - detached > resumeTimeoutNanos) enqueue(Control.EXPIRE);
        long busy = busySince;
        if (requestTimeoutNanos > 0 && busy != 0 && now - busy > requestTimeoutNanos && !timedOut) {
            // The worker is stuck in the device: answer from here, and let the worker end the
            // session when it returns.
            timedOut = true;
            ConnectionHandler c = outlet;
            Frame f =
                    Frame.newBuilder()
                            .setSeq(0)
                            .setAck(currentSeq)
                            .setError(
                                    dev.spikeforge.proto.Error.newBuilder()
                                            .setCode(ErrorCode.TIMEOUT)
                                            .setMessage(
                                                    "the request with seq "
                                                            + currentSeq
                                                            + " ran longer than "
                                                            + requestTimeoutNanos / 1_000_000
                                                            + " ms; the session is ended"))
                            .build();
            if (c != null) c.writeLastAndClose(f);
        }
    }

    private void enqueue(Object item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) schedule();
    }

    private void schedule() {
        try {
            workers.execute(this);
        } catch (RejectedExecutionException e) {
            // The server is past its drain timeout and has stopped its workers: nothing can run
            // this session any more.
            scheduled.set(false);
        }
    }

    // ---- the worker

    /** The connection takes replies again (called on its I/O thread). */
    void writable() {
        if (awaitingWritable.compareAndSet(true, false) && scheduled.compareAndSet(false, true))
            schedule();
    }

    @Override
    public void run() {
        try {
            for (int n = 0; n < BATCH; n++) {
                Object item = queue.peek();
                if (item == null) break;
                // A peer that does not read its replies stops its session here, so replies never
                // pile up in memory;
                // the queue then fills and the connection stops reading (see ConnectionHandler).
                if (item instanceof Frame && mustWaitForPeer()) break;
                queue.poll();
                process(item);
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "session " + id() + " failed", e);
            end();
        } finally {
            flushOutbox();
            scheduled.set(false);
            if (!queue.isEmpty() && !awaitingWritable.get() && scheduled.compareAndSet(false, true))
                schedule();
        }
    }

    /**
     * True when the attached connection is open but full; arms {@link #writable()} to restart the
     * worker.
     */
    private boolean mustWaitForPeer() {
        ConnectionHandler c = outlet;
        if (c == null || !c.active() || c.writable()) return false;
        awaitingWritable.set(true);
        // Writability may have come back between the check and the flag: check again, or the wakeup
        // is lost.
        if (c.writable() || !c.active()) {
            awaitingWritable.set(false);
            return false;
        }
        return true;
    }

    private void process(Object item) {
        if (item instanceof Frame f) {
            run(f);
            return;
        }
        if (ended) {
            if (item instanceof Attach a)
                a.connection()
                        .refuse(
                                0,
                                ErrorCode.RESUME_FAILED,
                                "session " + id() + " has ended",
                                false);
            return;
        }
        if (item instanceof Open o) {
            deliver(session.open(o.helloSeq(), o.ack()));
        } else if (item instanceof Attach a) {
            attach(a);
        } else if (item instanceof Detach d) {
            if (outlet != d.connection()) return; // an old connection, already replaced by a resume
            outlet = null;
            outbox.clear();
            if (replay != null && !draining && session.state() != SessionState.CLOSED) {
                detachedSince = System.nanoTime();
                registry.metrics().detachedChanged(1);
            } else {
                end();
            }
        } else if (item instanceof Fail f) {
            deliver(session.fail(f.code(), f.message()));
        } else if (item == Control.DRAIN) {
            draining = true;
            session.drain();
            if (outlet == null) end();
            else enqueue(Control.FINISH_DRAIN); // after the frames already queued, which are
            // refused from now on
        } else if (item == Control.FINISH_DRAIN) {
            deliver(session.closeByDevice("the device is shutting down"));
        } else if (item == Control.EXPIRE) {
            if (outlet == null && detachedSince != 0) end();
        }
    }

    private void run(Frame frame) {
        int size = frame.getSerializedSize();
        try {
            if (ended) return;
            currentSeq = frame.getSeq();
            busySince = System.nanoTime();
            Session.Outcome o;
            try {
                o = session.handle(frame);
            } finally {
                busySince = 0;
            }
            if (timedOut) {
                end(); // the watchdog already told the host
                return;
            }
            deliver(o);
        } finally {
            int frames = queuedFrames.decrementAndGet();
            long bytes = queuedBytes.addAndGet(-size);
            ConnectionHandler c = outlet;
            if (c != null && frames <= LOW_FRAMES && bytes <= LOW_BYTES) c.mayResumeReading();
        }
    }

    private void attach(Attach a) {
        List<Frame> missed = replay == null ? null : replay.after(a.lastReceived());
        if (missed == null) {
            a.connection()
                    .refuse(
                            0,
                            ErrorCode.RESUME_FAILED,
                            replay == null
                                    ? "session "
                                            + id()
                                            + " cannot be resumed (resume was not negotiated)"
                                    : "the device no longer holds the replies after seq "
                                            + a.lastReceived()
                                            + " (the host had more than its window outstanding?)",
                            false);
            end();
            return;
        }
        ConnectionHandler old = outlet;
        if (old != null && old != a.connection())
            old.release(); // the host gave up on it; the server had not noticed yet
        outbox.clear(); // meant for the old connection; the replay below carries them
        if (detachedSince != 0) {
            detachedSince = 0;
            registry.metrics().detachedChanged(-1);
        }
        outlet = a.connection();
        a.connection().attach(this);
        if (!a.connection().active()) {
            // It closed before it was attached, so its handler had no session to detach: detach it
            // here.
            outlet = null;
            detachedSince = System.nanoTime();
            registry.metrics().detachedChanged(1);
            return;
        }
        Frame ack =
                Frame.newBuilder()
                        .setSeq(0)
                        .setAck(0)
                        .setHelloAck(
                                a.ack()
                                        .setSessionId(id())
                                        .setProfile(device.profile())
                                        .setNextSeq(session.lastClientSeq() + 1))
                        .build();
        write(ack);
        for (Frame f : missed) write(f);
        registry.metrics().sessionResumed();
    }

    private void deliver(Session.Outcome o) {
        Frame reply = o.reply();
        if (reply != null && replay != null && reply.getSeq() > 0) replay.add(reply);
        if (o.close()) {
            flushOutbox();
            ConnectionHandler c = outlet;
            outlet = null;
            if (c != null) { // writeLastAndClose counts the frame
                if (reply != null) c.writeLastAndClose(reply);
                else c.release();
            }
            end();
        } else if (reply != null) {
            write(reply);
        }
    }

    private void write(Frame f) {
        registry.metrics().frameOut(f);
        if (outlet != null) outbox.add(f);
    }

    /** One task on the I/O thread per run, rather than one per reply. */
    private void flushOutbox() {
        ConnectionHandler c = outlet;
        if (c != null && !outbox.isEmpty()) {
            c.writeAll(outbox);
            outbox = new ArrayList<>();
        }
    }

    private void end() {
        if (ended) return;
        ended = true;
        if (detachedSince != 0) {
            detachedSince = 0;
            registry.metrics().detachedChanged(-1);
        }
        flushOutbox();
        ConnectionHandler c = outlet;
        outlet = null;
        if (c != null) c.release();
        queue.clear();
        session.releaseMemory();
        registry.ended(this, device);
    }
}
