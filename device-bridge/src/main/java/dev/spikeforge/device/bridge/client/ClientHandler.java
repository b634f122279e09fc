package dev.spikeforge.device.bridge.client;

import dev.spikeforge.device.bridge.DeviceConnectionException;
import dev.spikeforge.device.bridge.codec.TransportErrors;
import dev.spikeforge.proto.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of a client: the frame that answers a Hello completes the future {@link
 * #expectHello()} gave; every other frame goes to the listener, which routes replies to their
 * requests. A connection may carry two Hellos: a refused resume, then a new session.
 */
final class ClientHandler extends SimpleChannelInboundHandler<Frame> {
    /** Where a connection's frames and its end are reported, from its I/O thread. */
    interface Listener {
        /** A frame after the handshake: a reply, or a session-level notice (ack 0). */
        void received(ClientHandler from, Frame frame);

        /** The connection ended. */
        void lost(ClientHandler from);
    }

    private final Listener client;
    private volatile CompletableFuture<Frame> hello;

    ClientHandler(Listener client) {
        this.client = client;
    }

    /** Call before sending a Hello: the next frame is its answer. */
    CompletableFuture<Frame> expectHello() {
        CompletableFuture<Frame> f = new CompletableFuture<>();
        hello = f;
        return f;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        CompletableFuture<Frame> h = hello;
        if (h != null && !h.isDone()) h.complete(frame);
        else client.received(this, frame);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(
                new DeviceConnectionException(
                        "connection to the device failed: "
                                + TransportErrors.classify(cause).getMessage(),
                        cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(new DeviceConnectionException("the device closed the connection"));
        client.lost(this);
        super.channelInactive(ctx);
    }

    private void fail(DeviceConnectionException e) {
        CompletableFuture<Frame> h = hello;
        if (h != null) h.completeExceptionally(e);
    }
}
