package dev.spikeforge.bridge.server;

import dev.spikeforge.proto.Frame;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.io.IOException;

/**
 * Connects a {@link Session} to its channel: frames in, replies out, close when the session says so. Added to the
 * pipeline with a device executor, so every call for one channel runs in order on one thread off the I/O loop.
 */
final class SessionHandler extends SimpleChannelInboundHandler<Frame> {
    private static final System.Logger LOG = System.getLogger(SessionHandler.class.getName());

    /** Fired down a session's pipeline when the server closes. */
    static final Object SHUTDOWN = new Object() {
        @Override
        public String toString() {
            return "ServerShutdown";
        }
    };

    private final Session session;

    SessionHandler(Session session) {
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        send(ctx, session.handle(frame));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // The peer went away (reset, broken pipe): nobody is left to tell.
            LOG.log(System.Logger.Level.DEBUG, "session {0}: connection failed: {1}", session.id(), cause.toString());
            ctx.close();
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "session {0}: {1}", session.id(), cause.toString());
        send(ctx, session.failure(cause));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == SHUTDOWN) send(ctx, session.shutdown());
        else super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        session.end();
        super.channelInactive(ctx);
    }

    private static void send(ChannelHandlerContext ctx, Session.Outcome outcome) {
        if (outcome.reply() != null) {
            ChannelFuture f = ctx.writeAndFlush(outcome.reply());
            f.addListener(outcome.close() ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
        } else if (outcome.close()) {
            ctx.close();
        }
    }
}
