package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Input;
import java.util.List;

/**
 * The first pass's result: the graph's Input, its layers in chain order and the map a conv-first
 * network reads (the conv's own input_shape when the Input is flat; null otherwise, the Input's
 * shape being the map).
 */
record MatchedGraph(GraphNode input, List<LayerMatch> layers, ConvMapping.FeatureMap convInput) {
    MatchedGraph {
        layers = List.copyOf(layers);
    }

    long[] inputShape() {
        return ((Input) input.node()).shape().longs();
    }
}
