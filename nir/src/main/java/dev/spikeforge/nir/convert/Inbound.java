package dev.spikeforge.nir.convert;

import java.util.List;

/**
 * One weighted input of a layer: the synapse node (Affine, Linear or Conv2d), the Delay nodes on
 * its path and the layer whose spikes it carries ({@link #FROM_INPUT} for the graph's Input). A
 * recurrent loop is an inbound from the layer itself; a layer with several sources (a residual sum)
 * simply has more than one feed-forward inbound.
 *
 * @param delays the path's Delay nodes, in the order the match met them
 */
record Inbound(int from, GraphNode synapse, List<GraphNode> delays) {
    static final int FROM_INPUT = -1;

    Inbound {
        delays = List.copyOf(delays);
    }
}
