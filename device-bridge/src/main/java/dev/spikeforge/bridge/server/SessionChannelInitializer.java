package dev.spikeforge.bridge.server;

import dev.spikeforge.bridge.codec.FrameCodec;
import dev.spikeforge.bridge.device.ChipDevice;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutorGroup;

import java.util.function.Supplier;

/** Builds the pipeline of each accepted connection: framing, then a session with its own device. */
final class SessionChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String SESSION = "session";

    private final ServerOptions options;
    private final Supplier<? extends ChipDevice> devices;
    private final EventExecutorGroup deviceExecutors;
    private final ChannelGroup sessions;
    private final PipelineTracker tracker;

    SessionChannelInitializer(ServerOptions options, Supplier<? extends ChipDevice> devices,
                              EventExecutorGroup deviceExecutors, ChannelGroup sessions, PipelineTracker tracker) {
        this.options = options;
        this.devices = devices;
        this.deviceExecutors = deviceExecutors;
        this.sessions = sessions;
        this.tracker = tracker;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        sessions.add(ch);
        ch.pipeline().addLast("tracker", tracker);
        FrameCodec.install(ch.pipeline(), options.maxFrameBytes());
        ch.pipeline().addLast(deviceExecutors, SESSION, new SessionHandler(new Session(devices.get(), options)));
    }
}
