package dev.spikeforge.nir.graph;

import java.util.Objects;

/**
 * A directed edge between two nodes of a graph, by name; names may address a nested graph's node as
 * "graph.node".
 */
public record Edge(String source, String target) {
    public Edge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String toString() {
        return source + " -> " + target;
    }
}
