package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.NirNode;

/**
 * A node of the opened-up graph with its path ("outer.inner" inside nested graphs), as error
 * messages name it.
 */
record GraphNode(String path, NirNode node) {
    String type() {
        return node.type();
    }
}
