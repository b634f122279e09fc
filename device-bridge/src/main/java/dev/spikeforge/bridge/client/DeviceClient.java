package dev.spikeforge.bridge.client;

import com.google.protobuf.ByteString;
import dev.spikeforge.bridge.BridgeProtocol;
import dev.spikeforge.bridge.DeviceConnectionException;
import dev.spikeforge.bridge.DeviceException;
import dev.spikeforge.bridge.SessionLostException;
import dev.spikeforge.bridge.codec.ArtifactBytes;
import dev.spikeforge.bridge.codec.FrameCodec;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Reset;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.proto.TelemetryRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A host's session with a device (emulated or real) over the device protocol. The blocking methods wait for the
 * device's reply and throw {@link DeviceException} (code and message from the device) or
 * {@link DeviceConnectionException}; the {@code ...Async} methods return futures and may be pipelined, as the device
 * answers in order. At most {@code window} requests await replies at once: an async call waits for room when the
 * window is full, so never call one from a future's callback.
 *
 * <p>When the connection drops, the client reconnects with backoff ({@link RetryPolicy}) and resumes the session:
 * the device sends again the replies that were lost and the client sends again the requests the device had not
 * received, so no step is lost or run twice. If the device no longer has the session (it restarted), the client
 * opens a new one, loads the same network again, and fails the requests in flight with
 * {@link SessionLostException}: the caller restarts its sample ({@link DeviceSampleRunner} does).
 *
 * <p>Thread-safe. Futures complete on the client's I/O thread: callbacks attached to them must not block.
 *
 * <pre>
 *   try (DeviceClient chip = DeviceClient.connect("127.0.0.1", 7471)) {
 *       chip.load(network);
 *       chip.reset();
 *       OutputStep out = chip.step(0, new int[] {3, 5});
 *   }
 * </pre>
 */
public final class DeviceClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeviceClient.class.getName());

    private enum State {
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

    /** A connection: the channel and the handler that reads it. */
    private record Link(Channel channel, ClientHandler handler) {}

    private final String host;
    private final int port;
    private final ClientOptions options;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Object lock = new Object();
    private InFlight inFlight;

    /** A request made while the session was not open: numbered and sent once it is. */
    private record Held(Frame.Builder frame, CompletableFuture<Frame> reply) {}

    // Guarded by lock.
    private State state = State.RECOVERING;
    private Link link;
    private long seq;
    private DeviceException failure;
    private Thread recovery;
    private final List<Held> held = new ArrayList<>();
    /** The recovery thread is loading the network again on a new session, ahead of any held request. */
    private boolean reloading;

    /** The client's own Close, kept apart from the window. */
    private volatile InFlight.Request closeRequest;
    /** The connection whose frames are routed; frames from any other are stale. */
    private volatile ClientHandler current;
    private volatile HelloAck hello;
    private volatile long lastReceived;
    /** The device ended the session (Close with ack 0): a resume cannot succeed. */
    private volatile boolean sessionGone;
    private volatile DeviceException lastSessionError;
    /** Set when the device announced its shutdown (an unsolicited Close): the client then fails with it. */
    private volatile DeviceException deviceShutdown;
    private volatile LoadAck loaded;
    private volatile byte[] loadedArtifact;

    private DeviceClient(String host, int port, ClientOptions options) {
        this.host = host;
        this.port = port;
        this.options = options;
        this.ownsGroup = options.eventLoopGroup() == null;
        this.group = ownsGroup
                ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("spikeforge-client-io", true), NioIoHandler.newFactory())
                : options.eventLoopGroup();
    }

    public static DeviceClient connect(String host, int port) {
        return connect(host, port, ClientOptions.defaults());
    }

    /** Connects to the address a server reports, e.g. {@code EmulatedChipServer.start(...)}'s result. */
    public static DeviceClient connect(InetSocketAddress address) {
        return connect(address.getHostString(), address.getPort(), ClientOptions.defaults());
    }

    /**
     * Opens a connection and a session (Hello / HelloAck). The first connection is tried once, so a wrong address
     * fails at once; the retry policy applies to connections lost later.
     */
    public static DeviceClient connect(String host, int port, ClientOptions options) {
        DeviceClient client = new DeviceClient(host, port, options);
        try {
            Link l = client.connectLink();
            Frame reply;
            try {
                reply = client.handshake(l, client.freshHello());
            } catch (DeviceConnectionException e) {
                throw new DeviceConnectionException("the device at " + host + ":" + port + " did not answer Hello (" + e.detail()
                        + "): is it a TLS device reached without TLS, or not a Spikeforge device?", e);
            }
            client.inFlight = new InFlight(Math.min(options.window(), Math.max(1, windowOf(reply))));
            client.opened(l, reply);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        return client;
    }

    private static int windowOf(Frame reply) {
        int w = reply.hasHelloAck() ? reply.getHelloAck().getWindow() : 0;
        return w == 0 ? Integer.MAX_VALUE : w;
    }

    /** The device's HelloAck: its name, session id, profile, capabilities, limits. */
    public HelloAck serverHello() {
        return hello;
    }

    public String sessionId() {
        return hello.getSessionId();
    }

    /** Whether the device granted a capability (BridgeProtocol.CAP_...). */
    public boolean has(String capability) {
        return hello.getCapabilitiesList().contains(capability);
    }

    public InetSocketAddress remoteAddress() {
        synchronized (lock) {
            return link == null ? null : (InetSocketAddress) link.channel().remoteAddress();
        }
    }

    /** The LoadAck of the network this client last loaded, or null. */
    public LoadAck loaded() {
        return loaded;
    }

    /** True while the client can take requests (connected, or reconnecting). */
    public boolean isOpen() {
        synchronized (lock) {
            return state != State.CLOSED && state != State.FAILED;
        }
    }

    // ---- load

    public LoadAck load(CompiledNetwork network) {
        return await(loadAsync(network));
    }

    public CompletableFuture<LoadAck> loadAsync(CompiledNetwork network) {
        return loadArtifactAsync(ArtifactBytes.of(network));
    }

    /** Uploads the bytes of a compiled-network artifact file (.sfcn) as they are. */
    public LoadAck loadArtifact(byte[] artifact) {
        return await(loadArtifactAsync(artifact));
    }

    /**
     * Sends the artifact in chunks, each acknowledged by the device, so at most a window of chunks is in flight.
     * Returns once every chunk is handed to the connection (or one has failed); the future completes with the
     * LoadAck of the last chunk.
     */
    public CompletableFuture<LoadAck> loadArtifactAsync(byte[] artifact) {
        return upload(artifact, false);
    }

    /** {@code reload}: the recovery thread's own upload, sent on the new session before anything held. */
    private CompletableFuture<LoadAck> upload(byte[] artifact, boolean reload) {
        int chunk = chunkBytes();
        int crc = ArtifactBytes.crc32c(artifact);
        CompletableFuture<LoadAck> result = new CompletableFuture<>();
        int index = 0;
        for (int off = 0; (off == 0 || off < artifact.length) && !result.isDone(); off += chunk, index++) {
            int len = Math.min(chunk, artifact.length - off);
            boolean last = off + len >= artifact.length;
            LoadChunk.Builder c = LoadChunk.newBuilder().setIndex(index).setData(ByteString.copyFrom(artifact, off, len))
                    .setLast(last).setTotalBytes(artifact.length);
            if (last) c.setCrc32C(crc);
            CompletableFuture<Frame> reply = request(Frame.newBuilder().setLoadChunk(c), reload);
            reply.whenComplete((f, e) -> {
                if (e != null) result.completeExceptionally(unwrap(e));
                else if (last && f.getBodyCase() == Frame.BodyCase.LOAD_ACK) result.complete(f.getLoadAck());
                else if (f.getBodyCase() != Frame.BodyCase.LOAD_PROGRESS) result.completeExceptionally(unexpected(f,
                        last ? Frame.BodyCase.LOAD_ACK : Frame.BodyCase.LOAD_PROGRESS));
            });
        }
        return result.whenComplete((ack, e) -> {
            if (e == null) {
                loaded = ack;
                loadedArtifact = artifact;
            } else if (refusedByDevice(e)) {
                // The device holds no network after a refused upload; nothing to load again on a new session.
                loaded = null;
                loadedArtifact = null;
            }
        });
    }

    /** Chunk payload: the configured size, shrunk to fit the device's frame limit with room for the headers. */
    private int chunkBytes() {
        int limit = hello.getMaxFrameBytes();
        return limit == 0 ? options.chunkBytes()
                : Math.max(1, Math.min(options.chunkBytes(), limit - BridgeProtocol.CHUNK_OVERHEAD_BYTES));
    }

    // ---- run

    public void reset() {
        await(resetAsync());
    }

    public CompletableFuture<Void> resetAsync() {
        return request(Frame.newBuilder().setReset(Reset.getDefaultInstance()))
                .thenApply(expect(Frame.BodyCase.RESET_ACK, f -> null));
    }

    /** Runs step {@code stepIndex} (counted from 0 after each reset) with the given input axons spiking. */
    public OutputStep step(int stepIndex, int[] spikes) {
        return await(stepAsync(stepIndex, spikes));
    }

    /** Runs step {@code stepIndex} with input axon {@code spikes[k]} spiking with payload {@code payloads[k]}. */
    public OutputStep step(int stepIndex, int[] spikes, int[] payloads) {
        return await(stepAsync(stepIndex, spikes, payloads));
    }

    public CompletableFuture<OutputStep> stepAsync(int stepIndex, int[] spikes) {
        return stepAsync(stepIndex, spikes, null);
    }

    /**
     * Runs step {@code stepIndex} with input axon {@code spikes[k]} spiking with payload {@code payloads[k]} (a
     * network with graded or host input; null: payload 1 for every spike). Payloads need protocol version 3.
     */
    public CompletableFuture<OutputStep> stepAsync(int stepIndex, int[] spikes, int[] payloads) {
        InputStep.Builder in = InputStep.newBuilder().setStep(stepIndex);
        for (int s : spikes) in.addSpikes(s);
        if (payloads != null) {
            if (payloads.length != spikes.length) {
                throw new IllegalArgumentException(payloads.length + " payloads for " + spikes.length + " spikes at step " + stepIndex);
            }
            for (int p : payloads) in.addPayloads(p);
        }
        return request(Frame.newBuilder().setInputStep(in)).thenApply(expect(Frame.BodyCase.OUTPUT_STEP, Frame::getOutputStep));
    }

    public Telemetry telemetry() {
        return await(telemetryAsync());
    }

    public CompletableFuture<Telemetry> telemetryAsync() {
        return request(Frame.newBuilder().setTelemetryRequest(TelemetryRequest.getDefaultInstance()))
                .thenApply(expect(Frame.BodyCase.TELEMETRY, Frame::getTelemetry));
    }

    // ---- close

    /** Ends the session politely (Close, wait briefly for the device's Close) and releases the connection. Idempotent. */
    @Override
    public void close() {
        CompletableFuture<Frame> bye = null;
        synchronized (lock) {
            if (state == State.CLOSED) return;
            if (state == State.OPEN) bye = sendLocked(Frame.newBuilder().setClose(Close.getDefaultInstance()), new CompletableFuture<>());
            state = State.CLOSED;
            if (recovery != null) recovery.interrupt();
        }
        if (bye != null) {
            try {
                bye.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the device may already be gone; closing our side is all that is left to do
            }
        }
        shutdown();
    }

    private void shutdown() {
        Link l;
        List<Held> waiting;
        synchronized (lock) {
            state = State.CLOSED;
            l = link;
            link = null;
            waiting = inFlight == null ? List.of() : takeHeld();
        }
        DeviceConnectionException closed = new DeviceConnectionException("the client is closed");
        waiting.forEach(h -> h.reply().completeExceptionally(closed));
        if (inFlight != null) fail(inFlight.drain(), closed);
        if (l != null) l.channel().close().awaitUninterruptibly();
        if (ownsGroup) group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    // ---- requests

    private CompletableFuture<Frame> request(Frame.Builder frame) {
        return request(frame, false);
    }

    /**
     * Numbers the frame and writes it, or holds it while the session is being recovered. Waits for room in the
     * window first, so the device never has more than its window of our frames unanswered.
     */
    private CompletableFuture<Frame> request(Frame.Builder frame, boolean reload) {
        try {
            if (!inFlight.reserve(options.requestTimeout().toMillis())) {
                return CompletableFuture.failedFuture(new DeviceConnectionException("no room in the request window within "
                        + options.requestTimeout().toMillis() + " ms: the device is not answering"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new DeviceConnectionException("interrupted while waiting for the device", e));
        }
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        synchronized (lock) {
            if (state == State.CLOSED || state == State.FAILED) {
                inFlight.unreserve();
                return CompletableFuture.failedFuture(state == State.FAILED && failure != null ? failure
                        : new DeviceConnectionException("the client is closed"));
            }
            if (reload && link == null) {
                inFlight.unreserve();  // the new connection is already gone: let the recovery try another
                return CompletableFuture.failedFuture(new DeviceConnectionException("the connection dropped while the network was being loaded again"));
            }
            if (state == State.OPEN || reload) {
                sendLocked(frame, reply);
            } else {
                // Numbered only when sent: after a resume they follow the resent frames, on a new session the reload.
                held.add(new Held(frame, reply));
                if (state == State.DISCONNECTED) startRecovery();
            }
        }
        return reply.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Under the lock, as the session opens: sends what was held, in order, skipping what was given up on. */
    private void releaseHeld() {
        for (Held h : held) {
            if (h.reply().isDone()) inFlight.unreserve();
            else sendLocked(h.frame(), h.reply());
        }
        held.clear();
    }

    /** Under the lock: fails the held requests and frees their places. */
    private List<Held> takeHeld() {
        List<Held> out = new ArrayList<>(held);
        held.clear();
        out.forEach(h -> inFlight.unreserve());
        return out;
    }

    /** Under the lock: numbers the frame, registers it with {@code reply}, and writes it on the current link. */
    private CompletableFuture<Frame> sendLocked(Frame.Builder builder, CompletableFuture<Frame> reply) {
        Frame f = builder.setSeq(++seq).build();
        InFlight.Request r = new InFlight.Request(f.getSeq(), f, reply);
        if (f.getBodyCase() == Frame.BodyCase.CLOSE) closeRequest = r;  // outside the window: it must get through
        else inFlight.add(r);
        if (link != null) {
            Channel ch = link.channel();
            ch.writeAndFlush(f, ch.voidPromise());
        }
        return reply;
    }

    /** A frame after the handshake, from the I/O thread: a reply, or a session-level notice (ack 0). */
    void received(ClientHandler from, Frame frame) {
        if (from != current) return;
        if (frame.getSeq() > lastReceived) lastReceived = frame.getSeq();
        long ack = frame.getAck();
        if (ack != 0) {
            InFlight.Request r = inFlight.get(ack);
            if (r == null) {
                InFlight.Request c = closeRequest;
                if (c != null && c.seq() == ack) r = c;
            }
            if (r == null) return;  // a reply to a request given up on (timed out)
            if (frame.getBodyCase() == Frame.BodyCase.ERROR) r.reply().completeExceptionally(toException(frame.getError()));
            else r.reply().complete(frame);
        } else if (frame.getBodyCase() == Frame.BodyCase.ERROR) {
            // The device is ending the connection; the session may live on (idle timeout) or not (a fatal error).
            lastSessionError = toException(frame.getError());
        } else if (frame.getBodyCase() == Frame.BodyCase.CLOSE) {
            // A Close the host did not ask for: the device is shutting down (protocol §5.6). The client still tries to
            // reach it again (a restarted device gets the network again), and if it cannot, says it shut down.
            sessionGone = true;
            DeviceException shutdown = new DeviceException(ErrorCode.SHUTTING_DOWN, "the device at " + host + ":" + port
                    + " is shutting down (" + (frame.getClose().getReason().isEmpty() ? "no reason given" : frame.getClose().getReason())
                    + "); requests it had not answered were not run");
            lastSessionError = shutdown;
            deviceShutdown = shutdown;
        }
    }

    /** A connection ended, from the I/O thread. */
    void lost(ClientHandler from) {
        List<InFlight.Request> reload = List.of();
        synchronized (lock) {
            if (from != current) return;
            link = null;
            if (state == State.OPEN) {
                if (inFlight.isEmpty() && held.isEmpty() && !sessionGone) state = State.DISCONNECTED;
                else startRecovery();
            } else if (state == State.RECOVERING && reloading) {
                reload = inFlight.drain();  // only the reload's chunks are in flight: the recovery tries again
            }
        }
        fail(reload, new DeviceConnectionException("the connection dropped while the network was being loaded again"));
    }

    private void startRecovery() {
        state = State.RECOVERING;
        recovery = new Thread(this::recover, "spikeforge-client-recovery");
        recovery.setDaemon(true);
        recovery.start();
    }

    // ---- reconnecting

    private void recover() {
        RuntimeException cause = lastSessionError;
        RetryPolicy policy = options.retry();
        for (int attempt = 0; attempt < policy.maxAttempts(); attempt++) {
            try {
                Thread.sleep(policy.delay(attempt).toMillis());
            } catch (InterruptedException e) {
                return;  // closed
            }
            synchronized (lock) {
                if (state != State.RECOVERING) return;
            }
            Link l;
            try {
                l = connectLink();
            } catch (DeviceConnectionException e) {
                cause = e;
                continue;
            }
            try {
                if (!sessionGone && has(BridgeProtocol.CAP_RESUME) && resume(l)) return;
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
                cause = e;  // every chip is in use: try again later
                l.channel().close();
            }
        }
        DeviceException shutdown = deviceShutdown;
        giveUp(shutdown != null
                ? new DeviceException(ErrorCode.SHUTTING_DOWN, shutdown.detail() + "; it did not come back in " + policy.maxAttempts()
                        + " tries" + (cause == null || cause == shutdown ? "" : " (" + cause.getMessage() + ")"), cause)
                : new DeviceConnectionException("lost the connection to the device at " + host + ":" + port + " and could not get it back in "
                        + policy.maxAttempts() + " tries" + (cause == null ? "" : ": " + cause.getMessage()), cause), null);
    }

    /** Tries to resume on {@code l}; true when done, false when the device no longer has the session. */
    private boolean resume(Link l) {
        Frame hello = Frame.newBuilder().setSeq(0).setHello(helloBody().setSessionId(sessionId()).setLastReceivedSeq(lastReceived)).build();
        Frame reply = handshake(l, hello);
        if (reply.getBodyCase() == Frame.BodyCase.ERROR) {
            if (reply.getError().getCode() == ErrorCode.RESUME_FAILED) {
                lastSessionError = toException(reply.getError());
                return false;
            }
            throw toException(reply.getError());
        }
        HelloAck ack = helloAck(reply);
        synchronized (lock) {
            if (state != State.RECOVERING) {
                l.channel().close();
                return true;
            }
            long next = ack.getNextSeq();
            if (!inFlight.holdsAll(next, seq)) {
                // A request the device never received was given up on (timed out): the numbering cannot continue.
                lastSessionError = new SessionLostException("a request timed out while the connection was down", null);
                l.channel().close();
                sessionGone = true;
                return false;
            }
            link = l;
            state = State.OPEN;
            for (InFlight.Request r : inFlight.from(next)) l.channel().write(r.frame(), l.channel().voidPromise());
            l.channel().flush();
            releaseHeld();
        }
        LOG.log(System.Logger.Level.DEBUG, "resumed session {0} at seq {1}", sessionId(), ack.getNextSeq());
        return true;
    }

    /**
     * Opens a new session on {@code l} and loads the network again before anything else is sent; what was in
     * flight fails with SessionLostException, what was held goes out after the reload.
     */
    private void fresh(Link l) {
        if (!l.channel().isActive()) throw new DeviceConnectionException("the device closed the connection");
        Frame reply = handshake(l, freshHello());
        if (reply.getBodyCase() == Frame.BodyCase.ERROR) throw toException(reply.getError());
        HelloAck ack = helloAck(reply);
        DeviceException cause = lastSessionError;
        byte[] artifact = loadedArtifact;
        SessionLostException lost = new SessionLostException("the device lost the session" + (cause == null ? "" : " (" + cause.getMessage() + ")")
                + "; a new one is open" + (artifact != null ? " with the network loaded again" : "") + ": restart the current sample", cause);
        List<InFlight.Request> dropped;
        synchronized (lock) {
            if (state != State.RECOVERING) {
                l.channel().close();
                return;
            }
            sessionGone = false;
            deviceShutdown = null;  // a device that came back
            // Taken out before the new numbering starts, so no request of the new session is among them.
            dropped = inFlight.drain();
            adopt(l, reply, ack);
            reloading = artifact != null;
        }
        fail(dropped, lost);
        if (artifact != null) {
            try {
                await(upload(artifact, true));
            } catch (DeviceConnectionException e) {
                synchronized (lock) {
                    reloading = false;
                }
                throw e;  // the new connection dropped too: the recovery goes on
            } catch (DeviceException e) {
                giveUp(e, null);
                return;
            }
        }
        synchronized (lock) {
            reloading = false;
            if (state != State.RECOVERING) return;
            state = State.OPEN;
            releaseHeld();
        }
    }

    /** Takes the first session's HelloAck on {@code l}. */
    private void opened(Link l, Frame reply) {
        if (reply.getBodyCase() == Frame.BodyCase.ERROR) throw toException(reply.getError());
        HelloAck ack = helloAck(reply);
        synchronized (lock) {
            adopt(l, reply, ack);
            state = State.OPEN;
        }
    }

    /** Under the lock: a new session on {@code l}; numbering restarts after the Hello's seq 1. */
    private void adopt(Link l, Frame reply, HelloAck ack) {
        hello = ack;
        seq = 1;
        lastReceived = reply.getSeq();
        link = l;
    }

    private void giveUp(DeviceException e, Link l) {
        List<Held> waiting;
        synchronized (lock) {
            if (state == State.CLOSED) return;
            state = State.FAILED;
            failure = e;
            reloading = false;
            if (l != null) l.channel().close();
            if (link != null) link.channel().close();
            waiting = takeHeld();
        }
        fail(inFlight.drain(), e);
        waiting.forEach(h -> h.reply().completeExceptionally(e));
    }

    private static void fail(List<InFlight.Request> requests, DeviceException cause) {
        for (InFlight.Request r : requests) r.reply().completeExceptionally(cause);
    }

    // ---- connections

    private Link connectLink() {
        ClientHandler handler = new ClientHandler(this);
        ChannelFuture connected = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (options.tls() != null) {
                            // host and port name the peer, so its certificate is checked against the host connected to
                            ch.pipeline().addLast("tls", options.tls().newHandler(ch.alloc(), host, port));
                        }
                        FrameCodec.install(ch.pipeline(), options.maxFrameBytes());
                        ch.pipeline().addLast("client", handler);
                    }
                })
                .connect(host, port)
                .awaitUninterruptibly();
        if (!connected.isSuccess()) {
            Throwable cause = connected.cause();
            throw new DeviceConnectionException("cannot connect to the device at " + host + ":" + port + ": "
                    + (cause == null ? "cancelled" : cause.getMessage()), cause);
        }
        Channel ch = connected.channel();
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls != null) {
            boolean done = tls.handshakeFuture().awaitUninterruptibly(options.connectTimeout().toMillis());
            if (!done || !tls.handshakeFuture().isSuccess()) {
                Throwable cause = tls.handshakeFuture().cause();
                ch.close();
                throw new DeviceConnectionException("TLS handshake with " + host + ":" + port + " failed: "
                        + (cause == null ? "timed out" : cause.getMessage()), cause);
            }
        }
        return new Link(ch, handler);
    }

    /** Sends a Hello on a new connection and waits for the answer (HelloAck or Error). */
    private Frame handshake(Link l, Frame helloFrame) {
        current = l.handler();
        CompletableFuture<Frame> answer = l.handler().expectHello();
        l.channel().writeAndFlush(helloFrame);
        return await(answer, options.connectTimeout().toMillis());
    }

    private Frame freshHello() {
        return Frame.newBuilder().setSeq(1).setHello(helloBody()).build();
    }

    private Hello.Builder helloBody() {
        Hello.Builder h = Hello.newBuilder().setProtocolVersion(BridgeProtocol.VERSION).setMinProtocolVersion(BridgeProtocol.MIN_VERSION)
                .setClient(options.clientName()).addAllCapabilities(BridgeProtocol.CAPABILITIES)
                .addAllRequiredCapabilities(options.requiredCapabilities());
        if (options.token() != null) h.setToken(options.token());
        return h;
    }

    private static HelloAck helloAck(Frame reply) {
        if (reply.getBodyCase() != Frame.BodyCase.HELLO_ACK) throw unexpected(reply, Frame.BodyCase.HELLO_ACK);
        HelloAck ack = reply.getHelloAck();
        if (ack.getProtocolVersion() < BridgeProtocol.MIN_VERSION || ack.getProtocolVersion() > BridgeProtocol.VERSION) {
            throw new DeviceException(ErrorCode.VERSION_MISMATCH, "the device answered with protocol version "
                    + ack.getProtocolVersion() + ", this client speaks " + BridgeProtocol.MIN_VERSION + " to " + BridgeProtocol.VERSION);
        }
        return ack;
    }

    // ---- plumbing

    private static DeviceException toException(dev.spikeforge.proto.Error error) {
        return new DeviceException(error.getCode(), error.getMessage());
    }

    private static DeviceException unexpected(Frame f, Frame.BodyCase wanted) {
        return new DeviceException(ErrorCode.MALFORMED, "expected " + wanted + " in reply, the device sent " + f.getBodyCase());
    }

    private static <T> Function<Frame, T> expect(Frame.BodyCase body, Function<Frame, T> get) {
        return f -> {
            if (f.getBodyCase() != body) throw unexpected(f, body);
            return get.apply(f);
        };
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** An error the device answered (not a lost connection, not a request it never ran). */
    private static boolean refusedByDevice(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof DeviceException d && !(d instanceof DeviceConnectionException) && !d.retryable();
    }

    private <T> T await(CompletableFuture<T> future) {
        return await(future, options.requestTimeout().toMillis() + 1000);
    }

    /**
     * Waits for a future from one of the async methods, throwing what the blocking method would. Those futures
     * time out on their own (the request timeout), so this never waits forever.
     */
    public static <T> T join(CompletableFuture<T> future) {
        return await(future, Long.MAX_VALUE);
    }

    /** Waits for a reply; the future's own timeout normally fires first, the extra second only guards against a hang. */
    private static <T> T await(CompletableFuture<T> future, long millis) {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceConnectionException("interrupted while waiting for the device", e);
        } catch (TimeoutException e) {
            throw new DeviceConnectionException("no reply from the device within " + millis + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof DeviceException d) throw d;
            if (cause instanceof TimeoutException) {
                throw new DeviceConnectionException("no reply from the device within the request timeout", cause);
            }
            throw new DeviceConnectionException("request failed: " + cause, cause);
        }
    }
}
