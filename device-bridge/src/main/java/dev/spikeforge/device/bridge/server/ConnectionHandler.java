package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.codec.TransportErrors;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * One connection, on its I/O thread: the handshake before a session exists, then routing frames to
 * the session's queue, with backpressure (reads pause while the session's queue is full or the peer
 * does not read its replies), the Hello and idle timeouts, and the server's shutdown signal. The
 * session writes its replies through {@link #writeAll} and {@link #writeLastAndClose} from its
 * worker thread.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<Frame> {
    private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

    /** Fired down every connection's pipeline when the server starts shutting down. */
    static final Object SHUTDOWN =
            new Object() {
                @Override
                public String toString() {
                    return "ServerShutdown";
                }
            };

    /**
     * Replies handed to the I/O thread but not yet in the channel's buffer count as written beyond
     * this.
     */
    private static final long HANDOVER_LIMIT = 256 << 10;

    private final SessionRegistry registry;
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();

    /**
     * Bytes of replies in writeAll tasks the I/O thread has not run yet: invisible to
     * Channel.isWritable().
     */
    private final java.util.concurrent.atomic.AtomicLong handedOver =
            new java.util.concurrent.atomic.AtomicLong();

    private volatile LiveSession session;
    private volatile boolean paused;
    private volatile Channel channel;

    /**
     * Set when the connection is ending: frames read after it are dropped (set by the worker too,
     * hence volatile).
     */
    private volatile boolean closing;

    private boolean shuttingDown;
    private ScheduledFuture<?> helloTimer;

    ConnectionHandler(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        registry.metrics().connectionChanged(1);
        long helloMs = registry.options().helloTimeout().toMillis();
        if (helloMs > 0)
            helloTimer =
                    ctx.executor()
                            .schedule(() -> helloTimedOut(helloMs), helloMs, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        registry.metrics().frameIn();
        if (closing) return;
        LiveSession s = session;
        if (s != null) {
            if (s.offer(frame)) pause();
            return;
        }
        beforeSession(frame);
    }

    /** Only Hello opens (or resumes) a session; Close is answered; anything else is BAD_STATE. */
    private void beforeSession(Frame frame) {
        switch (frame.getBodyCase()) {
            case HELLO -> hello(frame);
            case CLOSE ->
                    writeLastAndClose(
                            Frame.newBuilder()
                                    .setSeq(0)
                                    .setAck(frame.getSeq())
                                    .setClose(Close.getDefaultInstance())
                                    .build());
            case ERROR -> {} // errors are never answered
            default ->
                    send(
                            error(
                                    frame.getSeq(),
                                    ErrorCode.BAD_STATE,
                                    frame.getBodyCase()
                                            + " is not allowed in state AWAIT_HELLO: the session"
                                            + " has not been opened with Hello"));
        }
    }

    private void hello(Frame frame) {
        long ack = frame.getSeq();
        if (shuttingDown) {
            refuse(ack, ErrorCode.SHUTTING_DOWN, "the device is shutting down", true);
            return;
        }
        Handshake.Decision d = Handshake.evaluate(frame, registry.options());
        InetAddress from = remoteAddress();
        // The token is checked right after the version (protocol §3): an address that sent a wrong
        // one waits first.
        boolean tokenRequired =
                registry.options().token() != null
                        && from != null
                        && !(d instanceof Handshake.Refuse r
                                && r.code() == ErrorCode.VERSION_MISMATCH);
        if (tokenRequired) {
            long wait = registry.tokens().waitNanos(from);
            if (wait > 0) {
                refuse(
                        ack,
                        ErrorCode.UNAUTHORIZED,
                        "wrong tokens from "
                                + from.getHostAddress()
                                + ": the token is not checked for another "
                                + Math.max(1, wait / 1_000_000)
                                + " ms",
                        true);
                return;
            }
        }
        if (tokenRequired) {
            if (d instanceof Handshake.Refuse r && r.code() == ErrorCode.UNAUTHORIZED)
                registry.tokens().failed(from);
            else if (!(d instanceof Handshake.Refuse)) registry.tokens().succeeded(from);
        }
        if (d instanceof Handshake.Refuse r) {
            refuse(ack, r.code(), r.message(), r.close());
        } else if (d instanceof Handshake.Open o) {
            SessionRegistry.Opened opened = registry.open(this, o.ack().getCapabilitiesList());
            if (opened.refusal() != null) {
                refuse(ack, opened.refusal().code(), opened.refusal().detail(), true);
                return;
            }
            attach(opened.session());
            opened.session().open(frame.getSeq(), o.ack());
        } else if (d instanceof Handshake.Resume r) {
            LiveSession s = registry.find(r.sessionId());
            if (s == null) {
                refuse(
                        ack,
                        ErrorCode.RESUME_FAILED,
                        "no session "
                                + r.sessionId()
                                + " on this device (expired, ended, or the device restarted)",
                        false);
            } else {
                s.resume(this, r.lastReceived(), r.ack());
            }
        }
    }

    private InetAddress remoteAddress() {
        Channel ch = channel;
        return ch != null && ch.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress()
                : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException
                || cause.getCause() instanceof SSLException
                || cause instanceof NotSslRecordException) {
            // The peer went away (reset, broken pipe), or TLS failed: there is nobody to tell, or
            // no way to.
            LOG.log(System.Logger.Level.DEBUG, "connection failed: {0}", cause.toString());
            ctx.close();
            return;
        }
        DeviceException e = TransportErrors.classify(cause);
        LOG.log(System.Logger.Level.DEBUG, "connection error: {0}", e.getMessage());
        if (closing) return;
        closing = true;
        ctx.channel().config().setAutoRead(false); // the byte stream cannot be trusted any more
        LiveSession s = session;
        if (s != null) s.fail(e.code(), e.detail());
        else writeLastAndClose(error(0, e.code(), e.detail()));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (closing) return;
            closing = true;
            // The session (if any) is only detached: a host that was merely quiet can resume it.
            writeLastAndClose(
                    error(
                            0,
                            ErrorCode.TIMEOUT,
                            "no traffic for "
                                    + registry.options().idleTimeout().toSeconds()
                                    + " s; closing the connection"));
        } else if (event == SHUTDOWN) {
            shuttingDown = true;
            ctx.channel().config().setAutoRead(false);
            // Sessions are drained by the registry; a connection without one is simply told.
            if (session == null && !closing) {
                closing = true;
                writeLastAndClose(
                        Frame.newBuilder()
                                .setSeq(0)
                                .setAck(0)
                                .setClose(
                                        Close.newBuilder().setReason("the device is shutting down"))
                                .build());
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        LiveSession s = session;
        if (ctx.channel().isWritable()) {
            if (s != null) s.writable();
            mayResumeReading();
        } else {
            pause();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        registry.metrics().connectionChanged(-1);
        if (helloTimer != null) helloTimer.cancel(false);
        LiveSession s = session;
        session = null;
        if (s != null) {
            s.detach(this);
            s.writable(); // a worker waiting for this connection to drain must move on: it
            // never will
        }
        super.channelInactive(ctx);
    }

    private void helloTimedOut(long ms) {
        if (session == null && !closing && channel.isActive()) {
            closing = true;
            writeLastAndClose(error(0, ErrorCode.TIMEOUT, "no Hello within " + ms + " ms"));
        }
    }

    // ---- backpressure

    private void pause() {
        if (!paused) {
            paused = true;
            channel.config().setAutoRead(false);
            registry.metrics().readPaused();
        }
    }

    /**
     * Any thread: reads resume on the I/O thread once the queue is low and the peer takes its
     * replies again.
     */
    void mayResumeReading() {
        Channel ch = channel;
        if (!paused || ch == null || !resumeScheduled.compareAndSet(false, true)) return;
        ch.eventLoop()
                .execute(
                        () -> {
                            resumeScheduled.set(false);
                            LiveSession s = session;
                            if (paused
                                    && !closing
                                    && !shuttingDown
                                    && ch.isWritable()
                                    && (s == null || s.belowLowWater())) {
                                paused = false;
                                ch.config().setAutoRead(true);
                            }
                        });
    }

    // ---- called by the session's worker

    void attach(LiveSession s) {
        session = s;
        ScheduledFuture<?> t = helloTimer;
        if (t != null) t.cancel(false);
    }

    boolean active() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /**
     * Whether the session may produce more replies: the channel takes them and few are on their way
     * to it.
     */
    boolean writable() {
        Channel ch = channel;
        return ch != null && ch.isWritable() && handedOver.get() < HANDOVER_LIMIT;
    }

    /** Writes the frames and flushes, in one task on the I/O thread. */
    void writeAll(List<Frame> frames) {
        Channel ch = channel;
        long bytes = 0;
        for (Frame f : frames) bytes += f.getSerializedSize();
        long size = bytes;
        handedOver.addAndGet(size);
        try {
            ch.eventLoop()
                    .execute(
                            () -> {
                                for (Frame f : frames) ch.write(f, ch.voidPromise());
                                ch.flush();
                                ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
                                if (out != null)
                                    registry.metrics()
                                            .pendingWriteBytes(
                                                    out.totalPendingWriteBytes()
                                                            + handedOver.get()
                                                            - size);
                                handedOver.addAndGet(-size);
                                // A worker that stopped for the hand-over limit, not for the
                                // channel, would otherwise wait forever.
                                LiveSession s = session;
                                if (s != null && ch.isWritable()) s.writable();
                            });
        } catch (RejectedExecutionException e) {
            handedOver.addAndGet(
                    -size); // the server is past its drain timeout: the connection is being torn
            // down anyway
        }
    }

    /** Sends a final frame, then closes once it is written. */
    void writeLastAndClose(Frame f) {
        registry.metrics().frameOut(f);
        closing = true;
        session = null;
        channel.writeAndFlush(f).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * The session no longer uses this connection (it ended, or was resumed on another): close it.
     */
    void release() {
        closing = true;
        session = null;
        channel.flush();
        channel.close();
    }

    /**
     * Answers a Hello that opened nothing; the connection stays before Hello unless {@code close}.
     */
    void refuse(long ack, ErrorCode code, String message, boolean close) {
        Frame f = error(ack, code, message);
        if (close) writeLastAndClose(f);
        else send(f);
    }

    private void send(Frame f) {
        registry.metrics().frameOut(f);
        channel.writeAndFlush(f, channel.voidPromise());
    }

    private static Frame error(long ack, ErrorCode code, String message) {
        return Frame.newBuilder()
                .setSeq(0)
                .setAck(ack)
                .setError(dev.spikeforge.proto.Error.newBuilder().setCode(code).setMessage(message))
                .build();
    }
}
