package dev.spikeforge.device.bridge.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;

/**
 * Counts connection pipelines that are not yet torn down. A closed channel's pipeline is torn down
 * on its I/O loop after its close future completes, and that teardown still hands the session its
 * Detach; the server must not stop the loops or the device workers before it ends. Installed first
 * in the pipeline, so its handlerRemoved is the last step.
 */
@ChannelHandler.Sharable
final class PipelineTracker extends ChannelHandlerAdapter {
    private int live;

    @Override
    public synchronized void handlerAdded(ChannelHandlerContext ctx) {
        live++;
    }

    @Override
    public synchronized void handlerRemoved(ChannelHandlerContext ctx) {
        live--;
        notifyAll();
    }

    /** Waits until every tracked pipeline is torn down; false on timeout. */
    synchronized boolean awaitNone(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (long left = millis; live > 0 && left > 0; left = end - System.currentTimeMillis())
            wait(left);
        return live == 0;
    }
}
