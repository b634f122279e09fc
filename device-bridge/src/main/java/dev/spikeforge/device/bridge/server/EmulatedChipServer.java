package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.device.AdapterDevice;
import dev.spikeforge.device.bridge.device.ChipDevice;
import dev.spikeforge.device.bridge.device.SimulatorChipAdapter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A TCP server speaking the device protocol. It hosts up to {@link ServerOptions#chips()} chips,
 * one per session; by default each is an {@link SimulatorChipAdapter} of the configured profile.
 * Pass another device supplier to put real hardware behind the same protocol: {@code () -> new
 * AdapterDevice(new MyBoard(...))}.
 *
 * <pre>
 *   try (var server = new EmulatedChipServer()) {
 *       InetSocketAddress at = server.start("127.0.0.1", 0);
 *       ...
 *   }
 * </pre>
 */
public final class EmulatedChipServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmulatedChipServer.class.getName());

    /** Shortest token accepted off loopback: 16 characters of base64 are 96 bits to guess. */
    public static final int MIN_TOKEN_CHARS = 16;

    private final ServerOptions options;
    private final Supplier<? extends ChipDevice> devices;
    private final ServerMetrics metrics = new ServerMetrics();
    private final PipelineTracker pipelines = new PipelineTracker();
    private EventLoopGroup ioGroup;
    private ExecutorService workers;
    private SessionRegistry registry;
    private MemoryBudget memory;
    private ChannelGroup channels;
    private ScheduledFuture<?> watchdog;
    private Channel serverChannel;
    private InetSocketAddress boundAddress;
    private boolean closed;

    public EmulatedChipServer() {
        this(ServerOptions.defaults());
    }

    public EmulatedChipServer(ServerOptions options) {
        this(options, () -> new AdapterDevice(new SimulatorChipAdapter(options.profile())));
    }

    public EmulatedChipServer(ServerOptions options, Supplier<? extends ChipDevice> devices) {
        this.options = options;
        this.devices = devices;
    }

    /**
     * Binds and starts accepting sessions. Port 0 picks a free port; the returned address (also
     * {@link #address()}) says which.
     *
     * @throws IllegalStateException when the address is not a loopback one and no token is
     *     configured
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public synchronized InetSocketAddress start(String host, int port) {
        if (serverChannel != null || closed)
            throw new IllegalStateException("a server can be started once");
        if (options.token() == null && !isLoopback(host)) {
            throw new IllegalStateException(
                    "serving on "
                            + host
                            + " needs a token (a server without one may only listen on a loopback"
                            + " address)");
        }
        if (options.token() != null
                && options.token().length() < MIN_TOKEN_CHARS
                && !isLoopback(host)) {
            throw new IllegalStateException(
                    "serving on "
                            + host
                            + " needs a token of at least "
                            + MIN_TOKEN_CHARS
                            + " characters, this one has "
                            + options.token().length()
                            + ": a short token can be guessed (e.g. head -c 24 /dev/urandom |"
                            + " base64)");
        }
        ioGroup =
                new MultiThreadIoEventLoopGroup(
                        options.ioThreads(),
                        new DefaultThreadFactory("spikeforge-server-io", true),
                        NioIoHandler.newFactory());
        workers =
                Executors.newFixedThreadPool(
                        options.deviceThreads(),
                        new DefaultThreadFactory("spikeforge-device", true));
        memory = new MemoryBudget(options.memoryBudgetBytes());
        registry =
                new SessionRegistry(
                        options,
                        metrics,
                        new DevicePool(devices, options.chips()),
                        workers,
                        memory);
        channels = new DefaultChannelGroup("device-connections", GlobalEventExecutor.INSTANCE);
        try {
            serverChannel =
                    new ServerBootstrap()
                            .group(ioGroup)
                            .channel(NioServerSocketChannel.class)
                            .childOption(
                                    ChannelOption.TCP_NODELAY,
                                    true) // small request/reply frames: do not wait to coalesce
                            // Replies queue in memory only up to the high mark; past it reads pause
                            // until the peer catches up.
                            .childOption(
                                    ChannelOption.WRITE_BUFFER_WATER_MARK,
                                    new WriteBufferWaterMark(256 << 10, 1 << 20))
                            .childHandler(
                                    new SessionChannelInitializer(
                                            options, registry, channels, pipelines))
                            .bind(host, port)
                            .syncUninterruptibly()
                            .channel();
        } catch (Exception e) { // Netty rethrows the bind's checked BindException undeclared
            shutdownThreads();
            serverChannel = null;
            String why = String.valueOf(e.getMessage());
            if (why.contains("already in use"))
                why =
                        "port "
                                + port
                                + " is already in use (another server listens there: choose another"
                                + " port, or 0 for a free one)";
            throw new java.io.UncheckedIOException(
                    new java.io.IOException(
                            "cannot listen on " + host + ":" + port + ": " + why, e));
        }
        long tick = registry.tickMillis();
        SessionRegistry r = registry;
        watchdog = ioGroup.next().scheduleAtFixedRate(r::tick, tick, tick, TimeUnit.MILLISECONDS);
        boundAddress = (InetSocketAddress) serverChannel.localAddress();
        LOG.log(System.Logger.Level.DEBUG, "device server listening on {0}", boundAddress);
        return boundAddress;
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host))
                if (!a.isLoopbackAddress()) return false;
            return true;
        } catch (UnknownHostException e) {
            return false; // bind will fail with a clear message
        }
    }

    /** The bound address, or null before start. */
    public synchronized InetSocketAddress address() {
        return boundAddress;
    }

    public ServerOptions options() {
        return options;
    }

    /** Sessions that exist: attached to a connection, or waiting to be resumed. */
    public synchronized int activeSessions() {
        return registry == null ? 0 : registry.size();
    }

    /** Bytes of the memory budget the sessions' networks and uploads hold now. */
    public synchronized long memoryInUse() {
        return memory == null ? 0 : memory.used();
    }

    /** Chips currently given to sessions. */
    public synchronized int chipsInUse() {
        return registry == null ? 0 : registry.chipsInUse();
    }

    /** Sessions, steps, events and errors by code since start. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** Blocks until the server is closed (by {@link #close()} from another thread). */
    public void awaitTermination() throws InterruptedException {
        Channel ch;
        synchronized (this) {
            ch = serverChannel;
        }
        if (ch != null) ch.closeFuture().await();
    }

    /**
     * Graceful shutdown: stops accepting; every session finishes the requests it had already
     * received, answers SHUTTING_DOWN to the ones that arrive after, sends an unsolicited Close and
     * closes. Sessions still busy after the drain timeout are cut off. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (serverChannel == null || closed) return;
        closed = true;
        serverChannel.close().syncUninterruptibly();
        for (Channel ch : channels)
            ch.pipeline().fireUserEventTriggered(ConnectionHandler.SHUTDOWN);
        registry.shutdown();
        try {
            long drain = options.drainTimeout().toMillis();
            if (!registry.awaitEmpty(drain)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        registry.size()
                                + " sessions still busy after the drain timeout; closing their"
                                + " connections");
            }
            channels.close().awaitUninterruptibly(drain);
            if (!pipelines.awaitNone(drain))
                LOG.log(System.Logger.Level.WARNING, "connection pipelines still open at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.cancel(false);
        shutdownThreads();
        LOG.log(System.Logger.Level.DEBUG, "device server closed");
    }

    private void shutdownThreads() {
        workers.shutdown();
        var io = ioGroup.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS);
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.syncUninterruptibly();
    }
}
