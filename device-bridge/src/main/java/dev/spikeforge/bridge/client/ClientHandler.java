package dev.spikeforge.bridge.client;

import dev.spikeforge.bridge.DeviceConnectionException;
import dev.spikeforge.bridge.DeviceException;
import dev.spikeforge.bridge.codec.TransportErrors;
import dev.spikeforge.proto.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * Hands the device's replies to the requests waiting for them. Frames with ack 0 concern the whole session: an
 * Error (e.g. FRAME_TOO_LARGE) or a Close (the server is shutting down) fails everything outstanding.
 */
final class ClientHandler extends SimpleChannelInboundHandler<Frame> {
    private final PendingRequests pending;

    ClientHandler(PendingRequests pending) {
        this.pending = pending;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (frame.getAck() != 0) {
            pending.complete(frame);
        } else if (frame.getBodyCase() == Frame.BodyCase.ERROR) {
            pending.failAll(PendingRequests.toException(frame.getError()));
        } else if (frame.getBodyCase() == Frame.BodyCase.CLOSE) {
            pending.failAll(new DeviceConnectionException("the device closed the session (server shutting down)"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        DeviceException e = TransportErrors.classify(cause);
        pending.failAll(new DeviceConnectionException("connection to the device failed: " + e.getMessage(), cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pending.failAll(new DeviceConnectionException("the connection to the device is closed"));
        super.channelInactive(ctx);
    }
}
