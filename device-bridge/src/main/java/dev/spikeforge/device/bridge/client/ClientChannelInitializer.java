package dev.spikeforge.device.bridge.client;

import dev.spikeforge.device.bridge.codec.FrameCodec;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the pipeline of a client connection: TLS (optional), framing, the connection's {@link
 * ClientHandler}.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String TLS = "tls";
    static final String CLIENT = "client";

    private final ClientOptions options;
    private final String host;
    private final int port;
    private final ClientHandler handler;

    ClientChannelInitializer(ClientOptions options, String host, int port, ClientHandler handler) {
        this.options = options;
        this.host = host;
        this.port = port;
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (options.tls() != null) {
            // host and port name the peer, so its certificate is checked against the host connected
            // to
            ch.pipeline().addLast(TLS, options.tls().newHandler(ch.alloc(), host, port));
        }
        FrameCodec.install(ch.pipeline(), options.maxFrameBytes());
        ch.pipeline().addLast(CLIENT, handler);
    }
}
