package dev.spikeforge.device.bridge.client;

import com.google.protobuf.ByteString;
import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.device.bridge.DeviceConnectionException;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.SessionLostException;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Reset;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.proto.TelemetryRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A host's session with a device (emulated or real) over the device protocol. The blocking methods
 * wait for the device's reply and throw {@link DeviceException} (code and message from the device)
 * or {@link DeviceConnectionException}; the {@code ...Async} methods return futures and may be
 * pipelined, as the device answers in order. At most {@code window} requests await replies at once:
 * an async call waits for room when the window is full, so never call one from a future's callback.
 *
 * <p>When the connection drops, the client reconnects with backoff ({@link RetryPolicy}) and
 * resumes the session: the device sends again the replies that were lost and the client sends again
 * the requests the device had not received, so no step is lost or run twice. If the device no
 * longer has the session (it restarted), the client opens a new one, loads the same network again,
 * and fails the requests in flight with {@link SessionLostException}: the caller restarts its
 * sample ({@link DeviceSampleRunner} does).
 *
 * <p>Thread-safe. Futures complete on the client's I/O thread: callbacks attached to them must not
 * block.
 *
 * <p>A facade over parts with one job each, as on the server: {@link RequestWindow} (numbering, the
 * in-flight window, requests held while reconnecting), {@link Connector} with {@link
 * ClientChannelInitializer} (bootstrap, TLS, the Hello exchange), {@link ClientHandshake} (what to
 * send and what the answer means) and {@link SessionRecovery} (the session's states and its
 * recovery thread). This class numbers nothing and holds no lock: it turns calls into frames and
 * replies into results.
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
    private final ClientOptions options;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final RequestWindow window;
    private final SessionRecovery session;

    /** The periodic sweep that times requests out. */
    private final ScheduledFuture<?> timeouts;

    /** The network this client last loaded, and its artifact, to load again on a new session. */
    private record Loaded(LoadAck ack, byte[] artifact) {}

    private volatile Loaded loaded;

    private DeviceClient(String host, int port, ClientOptions options) {
        this.options = options;
        this.ownsGroup = options.eventLoopGroup() == null;
        this.group =
                ownsGroup
                        ? new MultiThreadIoEventLoopGroup(
                                1,
                                new DefaultThreadFactory("spikeforge-client-io", true),
                                NioIoHandler.newFactory())
                        : options.eventLoopGroup();
        this.window = new RequestWindow(options.window());
        this.session =
                new SessionRecovery(
                        new Connector(host, port, options, group),
                        options,
                        window,
                        new SessionRecovery.Reloader() {
                            @Override
                            public byte[] artifact() {
                                Loaded l = loaded;
                                return l == null ? null : l.artifact();
                            }

                            @Override
                            public CompletableFuture<LoadAck> reload(byte[] artifact) {
                                return upload(artifact, true);
                            }
                        });
        // A request times out between requestTimeout and requestTimeout + one period after it was
        // made.
        long period = Math.max(1, Math.min(100, options.requestTimeout().toMillis() / 10));
        this.timeouts =
                group.next()
                        .scheduleAtFixedRate(
                                session::expireOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    public static DeviceClient connect(String host, int port) {
        return connect(host, port, ClientOptions.defaults());
    }

    /**
     * Connects to the address a server reports, e.g. {@code EmulatedChipServer.start(...)}'s
     * result.
     */
    public static DeviceClient connect(InetSocketAddress address) {
        return connect(address.getHostString(), address.getPort(), ClientOptions.defaults());
    }

    /**
     * Opens a connection and a session (Hello / HelloAck). The first connection is tried once, so a
     * wrong address fails at once; the retry policy applies to connections lost later.
     */
    public static DeviceClient connect(String host, int port, ClientOptions options) {
        DeviceClient client = new DeviceClient(host, port, options);
        try {
            client.session.open();
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        return client;
    }

    /** The device's HelloAck: its name, session id, profile, capabilities, limits. */
    public HelloAck serverHello() {
        return session.hello();
    }

    public String sessionId() {
        return session.hello().getSessionId();
    }

    /** Whether the device granted a capability (BridgeProtocol.CAP_...). */
    public boolean has(String capability) {
        return session.hello().getCapabilitiesList().contains(capability);
    }

    public InetSocketAddress remoteAddress() {
        return session.remoteAddress();
    }

    /** The LoadAck of the network this client last loaded, or null. */
    public LoadAck loaded() {
        Loaded l = loaded;
        return l == null ? null : l.ack();
    }

    /** True while the client can take requests (connected, or reconnecting). */
    public boolean isOpen() {
        return session.isOpen();
    }

    /**
     * The most requests this client keeps unanswered at once: its own window or the device's,
     * whichever is less.
     */
    int window() {
        return window.capacity();
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
     * Sends the artifact in chunks, each acknowledged by the device, so at most a window of chunks
     * is in flight. Returns once every chunk is handed to the connection (or one has failed); the
     * future completes with the LoadAck of the last chunk.
     */
    public CompletableFuture<LoadAck> loadArtifactAsync(byte[] artifact) {
        return upload(artifact, false);
    }

    /**
     * {@code reload}: the recovery thread's own upload, sent on the new session before anything
     * held.
     */
    private CompletableFuture<LoadAck> upload(byte[] artifact, boolean reload) {
        int chunk = chunkBytes();
        int crc = ArtifactBytes.crc32c(artifact);
        CompletableFuture<LoadAck> result = new CompletableFuture<>();
        int index = 0;
        for (int off = 0;
                (off == 0 || off < artifact.length) && !result.isDone();
                off += chunk, index++) {
            int len = Math.min(chunk, artifact.length - off);
            boolean last = off + len >= artifact.length;
            LoadChunk.Builder c =
                    LoadChunk.newBuilder()
                            .setIndex(index)
                            .setData(ByteString.copyFrom(artifact, off, len))
                            .setLast(last)
                            .setTotalBytes(artifact.length);
            if (last) c.setCrc32C(crc);
            CompletableFuture<Frame> reply = request(Frame.newBuilder().setLoadChunk(c), reload);
            reply.whenComplete(
                    (f, e) -> {
                        if (e != null) result.completeExceptionally(Replies.unwrap(e));
                        else if (last && f.getBodyCase() == Frame.BodyCase.LOAD_ACK)
                            result.complete(f.getLoadAck());
                        else if (f.getBodyCase() != Frame.BodyCase.LOAD_PROGRESS)
                            result.completeExceptionally(
                                    Replies.unexpected(
                                            f,
                                            last
                                                    ? Frame.BodyCase.LOAD_ACK
                                                    : Frame.BodyCase.LOAD_PROGRESS));
                    });
        }
        return result.whenComplete(
                (ack, e) -> {
                    if (e == null) loaded = new Loaded(ack, artifact);
                    // The device holds no network after a refused upload; nothing to load again on
                    // a new session.
                    else if (Replies.refusedByDevice(e)) loaded = null;
                });
    }

    /**
     * Chunk payload: the configured size, shrunk to fit the device's frame limit with room for the
     * headers.
     */
    private int chunkBytes() {
        int limit = session.hello().getMaxFrameBytes();
        return limit == 0
                ? options.chunkBytes()
                : Math.max(
                        1,
                        Math.min(
                                options.chunkBytes(), limit - BridgeProtocol.CHUNK_OVERHEAD_BYTES));
    }

    // ---- run

    public void reset() {
        await(resetAsync());
    }

    public CompletableFuture<Void> resetAsync() {
        return request(Frame.newBuilder().setReset(Reset.getDefaultInstance()))
                .thenApply(Replies.expect(Frame.BodyCase.RESET_ACK, f -> null));
    }

    /**
     * Runs step {@code stepIndex} (counted from 0 after each reset) with the given input axons
     * spiking.
     */
    public OutputStep step(int stepIndex, int[] spikes) {
        return await(stepAsync(stepIndex, spikes));
    }

    /**
     * Runs step {@code stepIndex} with input axon {@code spikes[k]} spiking with payload {@code
     * payloads[k]}.
     */
    public OutputStep step(int stepIndex, int[] spikes, int[] payloads) {
        return await(stepAsync(stepIndex, spikes, payloads));
    }

    public CompletableFuture<OutputStep> stepAsync(int stepIndex, int[] spikes) {
        return stepAsync(stepIndex, spikes, null);
    }

    /**
     * Runs step {@code stepIndex} with input axon {@code spikes[k]} spiking with payload {@code
     * payloads[k]} (a network with graded or host input; null: payload 1 for every spike). Payloads
     * need protocol version 3.
     */
    public CompletableFuture<OutputStep> stepAsync(int stepIndex, int[] spikes, int[] payloads) {
        InputStep.Builder in = InputStep.newBuilder().setStep(stepIndex);
        for (int s : spikes) in.addSpikes(s);
        if (payloads != null) {
            if (payloads.length != spikes.length) {
                throw new IllegalArgumentException(
                        payloads.length
                                + " payloads for "
                                + spikes.length
                                + " spikes at step "
                                + stepIndex);
            }
            for (int p : payloads) in.addPayloads(p);
        }
        return request(Frame.newBuilder().setInputStep(in))
                .thenApply(Replies.expect(Frame.BodyCase.OUTPUT_STEP, Frame::getOutputStep));
    }

    public Telemetry telemetry() {
        return await(telemetryAsync());
    }

    public CompletableFuture<Telemetry> telemetryAsync() {
        return request(
                        Frame.newBuilder()
                                .setTelemetryRequest(TelemetryRequest.getDefaultInstance()))
                .thenApply(Replies.expect(Frame.BodyCase.TELEMETRY, Frame::getTelemetry));
    }

    // ---- close

    /**
     * Ends the session politely (Close, wait briefly for the device's Close) and releases the
     * connection. Idempotent.
     */
    @Override
    public void close() {
        CompletableFuture<Frame> bye =
                session.close(Frame.newBuilder().setClose(Close.getDefaultInstance()));
        if (bye == null) return;
        try {
            bye.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the device may already be gone; closing our side is all that is left to do
        }
        shutdown();
    }

    private void shutdown() {
        timeouts.cancel(false);
        session.shutdown();
        if (ownsGroup) group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    // ---- requests

    private CompletableFuture<Frame> request(Frame.Builder frame) {
        return request(frame, false);
    }

    /**
     * Waits for room in the window, so the device never has more than its window of our frames
     * unanswered, then hands the frame to the session, which numbers and writes it, or holds it
     * while the session is recovered.
     */
    private CompletableFuture<Frame> request(Frame.Builder frame, boolean reload) {
        long timeout = options.requestTimeout().toMillis();
        try {
            if (!window.reserve(reload, timeout)) {
                return CompletableFuture.failedFuture(
                        new DeviceConnectionException(
                                "no room in the request window within "
                                        + timeout
                                        + " ms: the device is not answering"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(
                    new DeviceConnectionException("interrupted while waiting for the device", e));
        }
        return session.submit(
                frame,
                reload,
                System.nanoTime()
                        + Math.min(TimeUnit.MILLISECONDS.toNanos(timeout), Long.MAX_VALUE / 4));
    }

    // ---- waiting

    private <T> T await(CompletableFuture<T> future) {
        return Replies.await(future, options.requestTimeout().toMillis() + 1000);
    }

    /**
     * Waits for a future from one of the async methods, throwing what the blocking method would.
     * Those futures time out on their own (the request timeout), so this never waits forever.
     */
    public static <T> T join(CompletableFuture<T> future) {
        return Replies.await(future, Long.MAX_VALUE);
    }
}
