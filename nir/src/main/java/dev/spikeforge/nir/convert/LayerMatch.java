package dev.spikeforge.nir.convert;

import dev.spikeforge.proto.ConvGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * One Spikeforge layer as the first pass of the import found it in the graph, before any parameter
 * is converted: its inbound connections (feed-forward and recurrent), the neuron node, an optional
 * pooling node after it, and the shapes it reads and emits, inferred node by node as NIR infers
 * them.
 *
 * @param index position in the chain (0 reads the Input)
 * @param size neurons in the layer (a conv layer's whole map)
 * @param inbound the feed-forward inbound first, then the recurrent one if any
 * @param pool SumPool2d or AvgPool2d after a conv layer's neurons, or null
 * @param reads what the layer's feed-forward synapse reads
 * @param emits what the layer passes on (after its pooling)
 * @param geometry a conv layer's geometry (with its pool), null for a dense layer
 * @param sum where the layer adds the outputs of several sources (a residual sum), null for a
 *     single source
 */
record LayerMatch(
        int index,
        int size,
        List<Inbound> inbound,
        GraphNode neuron,
        GraphNode pool,
        Signal reads,
        Signal emits,
        ConvGeometry geometry,
        Sum sum) {
    LayerMatch {
        inbound = List.copyOf(inbound);
    }

    /**
     * The node where the edges from several layer outputs meet (NIR adds the edges into a node's
     * input) and the layers they come from in the file's edge order ({@link Inbound#FROM_INPUT} for
     * the Input): TrainedLayer.sources.
     */
    record Sum(GraphNode at, List<Integer> sources) {
        Sum {
            sources = List.copyOf(sources);
        }
    }

    boolean isConv() {
        return geometry != null;
    }

    /** The inbound from another layer or the Input (the chain has exactly one). */
    Inbound feed() {
        for (Inbound in : inbound) if (in.from() != index) return in;
        throw new IllegalStateException("layer " + index + " has no feed-forward input");
    }

    /** The inbound from the layer itself, or null when it has no recurrent loop. */
    Inbound recurrence() {
        for (Inbound in : inbound) if (in.from() == index) return in;
        return null;
    }

    /**
     * True for a spiking neuron whose file gives no v_reset (what that means depends on the NIR
     * version: {@link ResetRule}).
     */
    boolean spikesWithoutVReset() {
        return !NeuronMapping.isReadout(neuron.node())
                && neuron.node().params().get("v_reset") == null;
    }

    /**
     * The NIR nodes the layer came from: synapse, neuron, the feed-forward delays, the recurrent
     * delays and synapse, the pool.
     */
    List<String> nodes() {
        List<String> nodes = new ArrayList<>();
        Inbound feed = feed(), rec = recurrence();
        nodes.add(feed.synapse().path());
        nodes.add(neuron.path());
        feed.delays().forEach(d -> nodes.add(d.path()));
        if (rec != null) {
            rec.delays().forEach(d -> nodes.add(d.path()));
            nodes.add(rec.synapse().path());
        }
        if (pool != null) nodes.add(pool.path());
        return nodes;
    }
}
