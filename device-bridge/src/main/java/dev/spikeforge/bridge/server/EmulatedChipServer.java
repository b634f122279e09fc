package dev.spikeforge.bridge.server;

import dev.spikeforge.bridge.device.ChipDevice;
import dev.spikeforge.bridge.device.EmulatedChip;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A TCP server speaking the device protocol, one session (and one device) per connection. By default each session
 * gets an {@link EmulatedChip}; pass another device supplier to put real hardware behind the same protocol.
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
    /** How long close() lets sessions finish their current request and receive the closing frame. */
    private static final long DRAIN_MILLIS = 2000;

    private final ServerOptions options;
    private final Supplier<? extends ChipDevice> devices;
    private EventLoopGroup ioGroup;
    private EventExecutorGroup deviceGroup;
    private ChannelGroup sessions;
    private final PipelineTracker pipelines = new PipelineTracker();
    private Channel serverChannel;
    private InetSocketAddress boundAddress;
    private boolean closed;

    public EmulatedChipServer() {
        this(ServerOptions.defaults(), EmulatedChip::new);
    }

    public EmulatedChipServer(ServerOptions options) {
        this(options, EmulatedChip::new);
    }

    public EmulatedChipServer(ServerOptions options, Supplier<? extends ChipDevice> devices) {
        this.options = options;
        this.devices = devices;
    }

    /**
     * Binds and starts accepting sessions. Port 0 picks a free port; the returned address (also
     * {@link #address()}) says which.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public synchronized InetSocketAddress start(String host, int port) {
        if (serverChannel != null || closed) throw new IllegalStateException("a server can be started once");
        ioGroup = new MultiThreadIoEventLoopGroup(options.ioThreads(), NioIoHandler.newFactory());
        deviceGroup = new DefaultEventExecutorGroup(options.deviceThreads());
        sessions = new DefaultChannelGroup("device-sessions", GlobalEventExecutor.INSTANCE);
        try {
            serverChannel = new ServerBootstrap()
                    .group(ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)  // small request/reply frames: do not wait to coalesce
                    .childHandler(new SessionChannelInitializer(options, devices, deviceGroup, sessions, pipelines))
                    .bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            serverChannel = null;
            throw new java.io.UncheckedIOException(new java.io.IOException(
                    "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e));
        }
        boundAddress = (InetSocketAddress) serverChannel.localAddress();
        LOG.log(System.Logger.Level.DEBUG, "device server listening on {0}", boundAddress);
        return boundAddress;
    }

    /** The bound address, or null before start. */
    public synchronized InetSocketAddress address() {
        return boundAddress;
    }

    public ServerOptions options() {
        return options;
    }

    /** Connections currently open. */
    public synchronized int activeSessions() {
        return sessions == null || closed ? 0 : sessions.size();
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
     * Stops accepting, sends every open session an unsolicited Close after the request it is working on, waits
     * briefly for them to go, then releases all threads. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (serverChannel == null || closed) return;
        closed = true;
        serverChannel.close().syncUninterruptibly();
        for (Channel ch : sessions) ch.pipeline().fireUserEventTriggered(SessionHandler.SHUTDOWN);
        if (!sessions.newCloseFuture().awaitUninterruptibly(DRAIN_MILLIS)) sessions.close().awaitUninterruptibly();
        try {
            if (!pipelines.awaitNone(DRAIN_MILLIS)) LOG.log(System.Logger.Level.WARNING, "session pipelines still open at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownGroups();
        LOG.log(System.Logger.Level.DEBUG, "device server closed");
    }

    private void shutdownGroups() {
        var io = ioGroup.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS);
        var device = deviceGroup.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS);
        io.syncUninterruptibly();
        device.syncUninterruptibly();
    }
}
