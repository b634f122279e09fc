package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.codec.FrameCodec;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of each accepted connection: TLS (optional), idle detection, framing, the
 * connection handler.
 */
final class SessionChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String TLS = "tls";
    static final String IDLE = "idle";
    static final String CONNECTION = "connection";

    private final ServerOptions options;
    private final SessionRegistry registry;
    private final ChannelGroup channels;
    private final PipelineTracker tracker;

    SessionChannelInitializer(
            ServerOptions options,
            SessionRegistry registry,
            ChannelGroup channels,
            PipelineTracker tracker) {
        this.options = options;
        this.registry = registry;
        this.channels = channels;
        this.tracker = tracker;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ch.pipeline().addLast("tracker", tracker);
        if (options.tls() != null) ch.pipeline().addLast(TLS, options.tls().newHandler(ch.alloc()));
        long idle = options.idleTimeout().toMillis();
        if (idle > 0) {
            // Both directions, and write progress counts: a peer that stops reading its replies is
            // idle too.
            ch.pipeline()
                    .addLast(IDLE, new IdleStateHandler(true, 0, 0, idle, TimeUnit.MILLISECONDS));
        }
        FrameCodec.install(ch.pipeline(), options.maxFrameBytes());
        ch.pipeline().addLast(CONNECTION, new ConnectionHandler(registry));
    }
}
