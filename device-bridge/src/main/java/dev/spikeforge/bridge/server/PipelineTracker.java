package dev.spikeforge.bridge.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;

/**
 * Counts session pipelines that are not yet torn down. Tearing down a closed channel's pipeline hops from the I/O
 * loop to the device executor and back, after the channel's close future has completed; the server must not stop
 * either executor before it ends. Installed first in the pipeline, so its handlerRemoved is the last step.
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
        for (long left = millis; live > 0 && left > 0; left = end - System.currentTimeMillis()) wait(left);
        return live == 0;
    }
}
