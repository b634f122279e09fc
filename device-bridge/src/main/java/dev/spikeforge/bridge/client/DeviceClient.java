package dev.spikeforge.bridge.client;

import com.google.protobuf.ByteString;
import dev.spikeforge.bridge.BridgeProtocol;
import dev.spikeforge.bridge.DeviceConnectionException;
import dev.spikeforge.bridge.DeviceException;
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

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A host's session with a device (emulated or real) over the device protocol. The blocking methods wait for the
 * device's reply and throw {@link DeviceException} (code and message from the device) or
 * {@link DeviceConnectionException}; the {@code ...Async} methods return futures instead and may be pipelined, as
 * the device answers in order.
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
    private final ClientOptions options;
    private final EventLoopGroup group;
    private final Channel channel;
    private final PendingRequests pending;
    private final Object sendLock = new Object();
    private long seq;
    private HelloAck hello;
    private volatile LoadAck loaded;
    private boolean closed;

    private DeviceClient(ClientOptions options, EventLoopGroup group, Channel channel, PendingRequests pending) {
        this.options = options;
        this.group = group;
        this.channel = channel;
        this.pending = pending;
    }

    public static DeviceClient connect(String host, int port) {
        return connect(host, port, ClientOptions.defaults());
    }

    /** Connects to the address a server reports, e.g. {@code EmulatedChipServer.start(...)}'s result. */
    public static DeviceClient connect(InetSocketAddress address) {
        return connect(address.getHostString(), address.getPort(), ClientOptions.defaults());
    }

    /** Opens a connection and the session (Hello / HelloAck). */
    public static DeviceClient connect(String host, int port, ClientOptions options) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        PendingRequests pending = new PendingRequests();
        ChannelFuture connected = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FrameCodec.install(ch.pipeline(), options.maxFrameBytes());
                        ch.pipeline().addLast("client", new ClientHandler(pending));
                    }
                })
                .connect(host, port)
                .awaitUninterruptibly();
        if (!connected.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            Throwable cause = connected.cause();
            throw new DeviceConnectionException("cannot connect to the device at " + host + ":" + port + ": "
                    + (cause == null ? "cancelled" : cause.getMessage()), cause);
        }
        DeviceClient client = new DeviceClient(options, group, connected.channel(), pending);
        try {
            client.hello = client.open();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private HelloAck open() {
        Frame.Builder hello = Frame.newBuilder().setHello(Hello.newBuilder()
                .setProtocolVersion(BridgeProtocol.VERSION).setClient(options.clientName()));
        HelloAck ack = await(request(hello).thenApply(expect(Frame.BodyCase.HELLO_ACK, Frame::getHelloAck)), options.connectTimeout().toMillis());
        if (ack.getProtocolVersion() != BridgeProtocol.VERSION) {
            throw new DeviceException(ErrorCode.VERSION_MISMATCH, "the device answered with protocol version "
                    + ack.getProtocolVersion() + ", this client speaks " + BridgeProtocol.VERSION);
        }
        return ack;
    }

    /** The device's HelloAck: its name, session id, profile and frame limit. */
    public HelloAck serverHello() {
        return hello;
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    /** The LoadAck of the network this client last loaded, or null. */
    public LoadAck loaded() {
        return loaded;
    }

    public boolean isOpen() {
        return channel.isActive();
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

    public CompletableFuture<LoadAck> loadArtifactAsync(byte[] artifact) {
        int chunk = chunkBytes();
        int crc = ArtifactBytes.crc32c(artifact);
        List<Frame.Builder> frames = new ArrayList<>();
        int index = 0;
        for (int off = 0; off == 0 || off < artifact.length; off += chunk, index++) {
            int len = Math.min(chunk, artifact.length - off);
            boolean last = off + len >= artifact.length;
            LoadChunk.Builder c = LoadChunk.newBuilder().setIndex(index).setData(ByteString.copyFrom(artifact, off, len))
                    .setLast(last).setTotalBytes(artifact.length);
            if (last) c.setCrc32C(crc);
            frames.add(Frame.newBuilder().setLoadChunk(c));
        }
        return request(frames).thenApply(expect(Frame.BodyCase.LOAD_ACK, Frame::getLoadAck))
                .whenComplete((ack, e) -> loaded = e == null ? ack : null);
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

    public CompletableFuture<OutputStep> stepAsync(int stepIndex, int[] spikes) {
        InputStep.Builder in = InputStep.newBuilder().setStep(stepIndex);
        for (int s : spikes) in.addSpikes(s);
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
        synchronized (sendLock) {
            if (closed) return;
            closed = true;
        }
        try {
            if (channel.isActive()) {
                CompletableFuture<Frame> bye = send(List.of(Frame.newBuilder().setClose(Close.getDefaultInstance())));
                bye.get(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the device may already be gone; closing our side is all that is left to do
        } finally {
            channel.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    // ---- plumbing

    private CompletableFuture<Frame> request(Frame.Builder frame) {
        return request(List.of(frame));
    }

    private CompletableFuture<Frame> request(List<Frame.Builder> frames) {
        synchronized (sendLock) {
            if (closed) return CompletableFuture.failedFuture(new DeviceConnectionException("the client is closed"));
        }
        return send(frames);
    }

    /**
     * Numbers and writes the frames as one request, answered by the reply to the last. Numbering and writing
     * happen under one lock so the device sees seq 1, 2, 3... in order even with concurrent callers.
     */
    private CompletableFuture<Frame> send(List<Frame.Builder> frames) {
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        synchronized (sendLock) {
            for (Frame.Builder f : frames) {
                long s = ++seq;
                pending.register(s, reply);
                channel.write(f.setSeq(s).build()).addListener(w -> {
                    if (!w.isSuccess()) reply.completeExceptionally(
                            new DeviceConnectionException("cannot send to the device: " + w.cause().getMessage(), w.cause()));
                });
            }
            channel.flush();
        }
        return reply.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> Function<Frame, T> expect(Frame.BodyCase body, Function<Frame, T> get) {
        return f -> {
            if (f.getBodyCase() != body) {
                throw new DeviceException(ErrorCode.MALFORMED, "expected " + body + " in reply, the device sent " + f.getBodyCase());
            }
            return get.apply(f);
        };
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
            Throwable cause = e.getCause();
            if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof DeviceException d) throw d;
            if (cause instanceof TimeoutException) {
                throw new DeviceConnectionException("no reply from the device within the request timeout", cause);
            }
            throw new DeviceConnectionException("request failed: " + cause, cause);
        }
    }
}
