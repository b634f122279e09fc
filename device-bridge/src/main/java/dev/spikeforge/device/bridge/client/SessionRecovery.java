package dev.spikeforge.device.bridge.client;

import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.device.bridge.DeviceConnectionException;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.SessionLostException;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.LoadAck;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The client's session through connections that come and go: a state machine that writes requests
 * while the session is open, holds them while it is being recovered, and recovers it on a thread of
 * its own: reconnect with backoff, resume the session (the device sends the lost replies again, the
 * client the requests the device never got), or open a new one, load the network again ahead of
 * anything held, and fail what was in flight with {@link SessionLostException}. It also reads what
 * the connections deliver: replies go to their requests in the {@link RequestWindow}, session
 * notices (an Error or Close with ack 0) tell the recovery what it can expect.
 */
final class SessionRecovery implements ClientHandler.Listener {
    private static final System.Logger LOG = System.getLogger(SessionRecovery.class.getName());

    enum State {
        /** Connected, session open: requests are written as they come. */
        OPEN,
        /** Connection lost with nothing in flight: the next request reconnects. */
        DISCONNECTED,
        /** Reconnecting: requests are held and written once the session is resumed. */
        RECOVERING,
        CLOSED,
        /** Reconnection gave up, or the device refused the session: every request fails. */
        FAILED
    }

    /**
     * What the recovery needs from the client to give a new session the network the old one had.
     */
    interface Reloader {
        /** The artifact last loaded, or null. */
        byte[] artifact();

        /** Uploads {@code artifact} on the new session, ahead of any held request. */
        CompletableFuture<LoadAck> reload(byte[] artifact);
    }

    private final Connector connector;
    private final ClientOptions options;
    private final RequestWindow window;
    private final Reloader reloader;
    private final Object lock = new Object();

    // Guarded by lock.
    private State state = State.RECOVERING;
    private Connector.Link link;
    private DeviceException failure;
    private Thread recovery;

    /**
     * The recovery thread is loading the network again on a new session, ahead of any held request.
     */
    private boolean reloading;

    /** The device ended the session (Close with ack 0): a resume cannot succeed. */
    private boolean sessionGone;

    private DeviceException lastSessionError;

    /**
     * Set when the device announced its shutdown (an unsolicited Close): the client then fails with
     * it.
     */
    private DeviceException deviceShutdown;

    /** The connection whose frames are routed; frames from any other are stale. */
    private volatile ClientHandler current;

    private volatile HelloAck hello;

    /** The highest seq received from the device, written on the I/O thread only. */
    private volatile long lastReceived;

    SessionRecovery(
            Connector connector, ClientOptions options, RequestWindow window, Reloader reloader) {
        this.connector = connector;
        this.options = options;
        this.window = window;
        this.reloader = reloader;
    }

    HelloAck hello() {
        return hello;
    }

    InetSocketAddress remoteAddress() {
        synchronized (lock) {
            return link == null ? null : (InetSocketAddress) link.channel().remoteAddress();
        }
    }

    boolean isOpen() {
        synchronized (lock) {
            return state != State.CLOSED && state != State.FAILED;
        }
    }

    // ---- the first session

    /**
     * Opens the first session on a new connection; throws what the device answered if it refused.
     */
    void open() {
        Connector.Link l = connector.connect(this);
        Frame reply;
        try {
            reply = handshake(l, ClientHandshake.opening(options));
        } catch (DeviceConnectionException e) {
            throw new DeviceConnectionException(
                    "the device at "
                            + connector.address()
                            + " did not answer Hello ("
                            + e.detail()
                            + "): is it a TLS device reached without TLS, or not a Spikeforge"
                            + " device?",
                    e);
        }
        ClientHandshake.Accepted a = accepted(ClientHandshake.evaluate(reply, options, false));
        synchronized (lock) {
            adopt(l, a);
            state = State.OPEN;
        }
    }

    // ---- requests

    /**
     * Writes a request whose place in the window is reserved, or holds it while the session is
     * being recovered; {@code reload}: the recovery's own upload, written on the new session before
     * anything held.
     */
    CompletableFuture<Frame> submit(Frame.Builder frame, boolean reload, long deadline) {
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        synchronized (lock) {
            if (state == State.CLOSED || state == State.FAILED) {
                window.unreserve(reload);
                return CompletableFuture.failedFuture(
                        state == State.FAILED && failure != null
                                ? failure
                                : new DeviceConnectionException("the client is closed"));
            }
            if (reload && link == null) {
                window.unreserve(
                        true); // the new connection is already gone: let the recovery try another
                return CompletableFuture.failedFuture(
                        new DeviceConnectionException(
                                "the connection dropped while the network was being loaded again"));
            }
            if (state == State.OPEN || reload) {
                sendLocked(frame, reply, reload, deadline);
            } else {
                // Numbered only when sent: after a resume they follow the resent frames, on a new
                // session the reload.
                window.hold(frame, reply, deadline);
                if (state == State.DISCONNECTED) startRecovery();
            }
        }
        return reply;
    }

    /** Under the lock: numbers the frame and writes it on the current link, if any. */
    private void sendLocked(
            Frame.Builder builder, CompletableFuture<Frame> reply, boolean reload, long deadline) {
        RequestWindow.Request r = window.number(builder, reply, reload, deadline);
        if (link != null) link.channel().writeAndFlush(r.frame(), link.channel().voidPromise());
    }

    /** Under the lock, as the session opens: sends what was held, in order. */
    private void releaseHeldLocked() {
        for (RequestWindow.Held h : window.releaseHeld())
            sendLocked(h.frame(), h.reply(), false, h.deadline());
    }

    /** Gives up on the requests, sent or held, whose deadline has passed (TimeoutException). */
    void expireOverdue() {
        List<CompletableFuture<Frame>> overdue;
        synchronized (lock) {
            overdue = window.overdue(System.nanoTime());
        }
        // Completed outside the lock: their callbacks are the callers'.
        for (CompletableFuture<Frame> f : overdue) f.completeExceptionally(new TimeoutException());
    }

    // ---- closing

    /**
     * Marks the session closed, sending the device a Close if it is open. Returns the Close's reply
     * to wait for (completed if none was sent), or null if the session was closed already.
     */
    CompletableFuture<Frame> close(Frame.Builder closeFrame) {
        synchronized (lock) {
            if (state == State.CLOSED) return null;
            CompletableFuture<Frame> bye = CompletableFuture.completedFuture(null);
            if (state == State.OPEN) {
                bye = new CompletableFuture<>();
                sendLocked(
                        closeFrame, bye, false, Long.MAX_VALUE); // outside the window: never swept
            }
            state = State.CLOSED;
            if (recovery != null) recovery.interrupt();
            return bye;
        }
    }

    /** Closed for good: fails whatever waits and closes the connection. */
    void shutdown() {
        Connector.Link l;
        List<RequestWindow.Held> waiting;
        synchronized (lock) {
            state = State.CLOSED;
            l = link;
            link = null;
            waiting = window.takeHeld();
        }
        DeviceConnectionException closed = new DeviceConnectionException("the client is closed");
        waiting.forEach(h -> h.reply().completeExceptionally(closed));
        fail(window.drain(), closed);
        if (l != null) l.channel().close().awaitUninterruptibly();
    }

    // ---- what the connections deliver, on their I/O thread

    @Override
    public void received(ClientHandler from, Frame frame) {
        if (from != current) return;
        if (frame.getSeq() > lastReceived) lastReceived = frame.getSeq();
        long ack = frame.getAck();
        if (ack != 0) {
            RequestWindow.Request r = window.get(ack);
            if (r == null) return; // a reply to a request given up on (timed out)
            if (frame.getBodyCase() == Frame.BodyCase.ERROR)
                r.reply().completeExceptionally(Replies.error(frame.getError()));
            else r.reply().complete(frame);
        } else {
            notice(frame);
        }
    }

    /** A frame with ack 0: the device speaking of the session itself. */
    private void notice(Frame frame) {
        synchronized (lock) {
            if (frame.getBodyCase() == Frame.BodyCase.ERROR) {
                // The device is ending the connection; the session may live on (idle timeout) or
                // not (a fatal error).
                lastSessionError = Replies.error(frame.getError());
            } else if (frame.getBodyCase() == Frame.BodyCase.CLOSE) {
                // A Close the host did not ask for: the device is shutting down (protocol §5.6).
                // The client still tries
                // to reach it again (a restarted device gets the network again), and if it cannot,
                // says it shut down.
                sessionGone = true;
                DeviceException shutdown =
                        new DeviceException(
                                ErrorCode.SHUTTING_DOWN,
                                "the device at "
                                        + connector.address()
                                        + " is shutting down ("
                                        + (frame.getClose().getReason().isEmpty()
                                                ? "no reason given"
                                                : frame.getClose().getReason())
                                        + "); requests it had not answered were not run");
                lastSessionError = shutdown;
                deviceShutdown = shutdown;
            }
        }
    }

    @Override
    public void lost(ClientHandler from) {
        List<RequestWindow.Request> reload = List.of();
        synchronized (lock) {
            if (from != current) return;
            link = null;
            if (state == State.OPEN) {
                if (window.isIdle() && !sessionGone) state = State.DISCONNECTED;
                else startRecovery();
            } else if (state == State.RECOVERING && reloading) {
                reload = window.drain(); // only the reload's chunks are in flight: the recovery
                // tries again
            }
        }
        fail(
                reload,
                new DeviceConnectionException(
                        "the connection dropped while the network was being loaded again"));
    }

    // ---- recovering

    /** Under the lock. */
    private void startRecovery() {
        state = State.RECOVERING;
        recovery = new Thread(this::recover, "spikeforge-client-recovery");
        recovery.setDaemon(true);
        recovery.start();
    }

    private void recover() {
        RuntimeException cause;
        synchronized (lock) {
            cause = lastSessionError;
        }
        RetryPolicy policy = options.retry();
        for (int attempt = 0; attempt < policy.maxAttempts(); attempt++) {
            try {
                Thread.sleep(policy.delay(attempt).toMillis());
            } catch (InterruptedException e) {
                return; // closed
            }
            synchronized (lock) {
                if (state != State.RECOVERING) return;
            }
            Connector.Link l;
            try {
                l = connector.connect(this);
            } catch (DeviceConnectionException e) {
                cause = e;
                continue;
            }
            boolean gone;
            synchronized (lock) {
                gone = sessionGone;
            }
            try {
                if (!gone
                        && hello.getCapabilitiesList().contains(BridgeProtocol.CAP_RESUME)
                        && resume(l)) return;
                fresh(l);
                return;
            } catch (DeviceConnectionException e) {
                cause = e;
                l.channel().close();
            } catch (DeviceException e) {
                if (e.code() != ErrorCode.BUSY) {
                    giveUp(e, l);
                    return;
                }
                cause = e; // every chip is in use: try again later
                l.channel().close();
            }
        }
        DeviceException shutdown;
        synchronized (lock) {
            shutdown = deviceShutdown;
        }
        giveUp(
                shutdown != null
                        ? new DeviceException(
                                ErrorCode.SHUTTING_DOWN,
                                shutdown.detail()
                                        + "; it did not come back in "
                                        + policy.maxAttempts()
                                        + " tries"
                                        + (cause == null || cause == shutdown
                                                ? ""
                                                : " (" + cause.getMessage() + ")"),
                                cause)
                        : new DeviceConnectionException(
                                "lost the connection to the device at "
                                        + connector.address()
                                        + " and could not get it back in "
                                        + policy.maxAttempts()
                                        + " tries"
                                        + (cause == null ? "" : ": " + cause.getMessage()),
                                cause),
                null);
    }

    /**
     * Tries to resume on {@code l}; true when done, false when the device no longer has the
     * session.
     */
    private boolean resume(Connector.Link l) {
        ClientHandshake.Answer answer =
                ClientHandshake.evaluate(
                        handshake(
                                l,
                                ClientHandshake.resuming(
                                        options, hello.getSessionId(), lastReceived)),
                        options,
                        true);
        if (answer instanceof ClientHandshake.Expired x) {
            synchronized (lock) {
                lastSessionError = x.cause();
            }
            return false;
        }
        HelloAck ack = accepted(answer).ack();
        synchronized (lock) {
            if (state != State.RECOVERING) {
                l.channel().close();
                return true;
            }
            long next = ack.getNextSeq();
            if (!window.holdsAll(next, window.lastNumbered())) {
                // A request the device never received was given up on (timed out): the numbering
                // cannot continue.
                lastSessionError =
                        new SessionLostException(
                                "a request timed out while the connection was down", null);
                l.channel().close();
                sessionGone = true;
                return false;
            }
            link = l;
            state = State.OPEN;
            for (RequestWindow.Request r : window.from(next))
                l.channel().write(r.frame(), l.channel().voidPromise());
            l.channel().flush();
            releaseHeldLocked();
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                "resumed session {0} at seq {1}",
                hello.getSessionId(),
                ack.getNextSeq());
        return true;
    }

    /**
     * Opens a new session on {@code l} and loads the network again before anything else is sent;
     * what was in flight fails with SessionLostException, what was held goes out after the reload.
     */
    private void fresh(Connector.Link l) {
        if (!l.channel().isActive())
            throw new DeviceConnectionException("the device closed the connection");
        ClientHandshake.Accepted a =
                accepted(
                        ClientHandshake.evaluate(
                                handshake(l, ClientHandshake.opening(options)), options, false));
        byte[] artifact = reloader.artifact();
        List<RequestWindow.Request> dropped;
        SessionLostException lost;
        synchronized (lock) {
            if (state != State.RECOVERING) {
                l.channel().close();
                return;
            }
            DeviceException cause = lastSessionError;
            lost =
                    new SessionLostException(
                            "the device lost the session"
                                    + (cause == null ? "" : " (" + cause.getMessage() + ")")
                                    + "; a new one is open"
                                    + (artifact != null ? " with the network loaded again" : "")
                                    + ": restart the current sample",
                            cause);
            sessionGone = false;
            deviceShutdown = null; // a device that came back
            // Taken out before the new numbering starts, so no request of the new session is among
            // them.
            dropped = window.drain();
            adopt(l, a);
            reloading = artifact != null;
        }
        fail(dropped, lost);
        if (artifact != null) {
            try {
                Replies.await(
                        reloader.reload(artifact), options.requestTimeout().toMillis() + 1000);
            } catch (DeviceConnectionException e) {
                synchronized (lock) {
                    reloading = false;
                }
                throw e; // the new connection dropped too: the recovery goes on
            } catch (DeviceException e) {
                giveUp(e, null);
                return;
            }
        }
        synchronized (lock) {
            reloading = false;
            if (state != State.RECOVERING) return;
            state = State.OPEN;
            releaseHeldLocked();
        }
    }

    /** The HelloAck of an accepted Hello; a refusal is thrown. */
    private static ClientHandshake.Accepted accepted(ClientHandshake.Answer answer) {
        if (answer instanceof ClientHandshake.Accepted a) return a;
        if (answer instanceof ClientHandshake.Refused r) throw r.cause();
        throw ((ClientHandshake.Expired) answer).cause();
    }

    /**
     * Under the lock: a new session on {@code l}; numbering restarts after the Hello's seq 1, and
     * the window is the new session's (a restarted device may grant another).
     */
    private void adopt(Connector.Link l, ClientHandshake.Accepted a) {
        hello = a.ack();
        window.resize(a.window());
        window.restartNumbering();
        lastReceived = a.seq();
        link = l;
    }

    private void giveUp(DeviceException e, Connector.Link l) {
        List<RequestWindow.Held> waiting;
        synchronized (lock) {
            if (state == State.CLOSED) return;
            state = State.FAILED;
            failure = e;
            reloading = false;
            if (l != null) l.channel().close();
            if (link != null) link.channel().close();
            waiting = window.takeHeld();
        }
        fail(window.drain(), e);
        waiting.forEach(h -> h.reply().completeExceptionally(e));
    }

    private static void fail(List<RequestWindow.Request> requests, DeviceException cause) {
        for (RequestWindow.Request r : requests) r.reply().completeExceptionally(cause);
    }

    /**
     * Sends a Hello on a new connection and waits for the answer; its frames are routed from then
     * on.
     */
    private Frame handshake(Connector.Link l, Frame helloFrame) {
        current = l.handler();
        return connector.hello(l, helloFrame);
    }
}
