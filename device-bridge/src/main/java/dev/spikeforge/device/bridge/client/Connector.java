package dev.spikeforge.device.bridge.client;

import dev.spikeforge.device.bridge.DeviceConnectionException;
import dev.spikeforge.proto.Frame;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.CompletableFuture;

/** Opens connections to one device (TCP, then TLS if configured) and exchanges a Hello on them. */
final class Connector {
    /** A connection: the channel and the handler that reads it. */
    record Link(Channel channel, ClientHandler handler) {}

    private final String host;
    private final int port;
    private final ClientOptions options;
    private final EventLoopGroup group;

    Connector(String host, int port, ClientOptions options, EventLoopGroup group) {
        this.host = host;
        this.port = port;
        this.options = options;
        this.group = group;
    }

    /** "host:port", for messages. */
    String address() {
        return host + ":" + port;
    }

    /**
     * Connects, and waits for the TLS handshake if any; frames read on the link go to {@code
     * listener}.
     */
    Link connect(ClientHandler.Listener listener) {
        ClientHandler handler = new ClientHandler(listener);
        ChannelFuture connected =
                new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(
                                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                (int)
                                        Math.min(
                                                Integer.MAX_VALUE,
                                                options.connectTimeout().toMillis()))
                        .handler(new ClientChannelInitializer(options, host, port, handler))
                        .connect(host, port)
                        .awaitUninterruptibly();
        if (!connected.isSuccess()) {
            Throwable cause = connected.cause();
            throw new DeviceConnectionException(
                    "cannot connect to the device at "
                            + address()
                            + ": "
                            + (cause == null ? "cancelled" : cause.getMessage()),
                    cause);
        }
        Channel ch = connected.channel();
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls != null) {
            boolean done =
                    tls.handshakeFuture().awaitUninterruptibly(options.connectTimeout().toMillis());
            if (!done || !tls.handshakeFuture().isSuccess()) {
                Throwable cause = tls.handshakeFuture().cause();
                ch.close();
                throw new DeviceConnectionException(
                        "TLS handshake with "
                                + address()
                                + " failed: "
                                + (cause == null ? "timed out" : cause.getMessage()),
                        cause);
            }
        }
        return new Link(ch, handler);
    }

    /**
     * Sends a Hello on {@code l} and waits for the answer (HelloAck or Error), at most the connect
     * timeout.
     */
    Frame hello(Link l, Frame helloFrame) {
        CompletableFuture<Frame> answer = l.handler().expectHello();
        l.channel().writeAndFlush(helloFrame);
        return Replies.await(answer, options.connectTimeout().toMillis());
    }
}
