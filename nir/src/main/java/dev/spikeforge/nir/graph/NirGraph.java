package dev.spikeforge.nir.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph: named nodes (possibly graphs themselves) and the edges between them. Node order is
 * kept.
 */
public record NirGraph(Map<String, NirNode> nodes, List<Edge> edges, Map<String, Value> metadata)
        implements NirNode {
    public NirGraph {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
        for (Edge e : edges) {
            checkEnd(nodes, e.source(), e);
            checkEnd(nodes, e.target(), e);
        }
    }

    public NirGraph(Map<String, NirNode> nodes, List<Edge> edges) {
        this(nodes, edges, Map.of());
    }

    private static void checkEnd(Map<String, NirNode> nodes, String name, Edge e) {
        if (nodes.containsKey(name)) return;
        int dot = name.indexOf('.');
        if (dot > 0 && nodes.get(name.substring(0, dot)) instanceof NirGraph) return;
        throw new IllegalArgumentException(
                "edge "
                        + e
                        + " names node '"
                        + name
                        + "', which the graph does not have (nodes: "
                        + nodes.keySet()
                        + ")");
    }

    @Override
    public String type() {
        return "NIRGraph";
    }

    /**
     * A graph's parameters are its nodes and edges, which have their own form; see {@link #nodes()}
     * and {@link #edges()}.
     */
    @Override
    public Map<String, Value> params() {
        return Map.of();
    }

    /** Builds a graph node by node, in order. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, NirNode> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new java.util.ArrayList<>();
        private final Map<String, Value> metadata = new LinkedHashMap<>();

        public Builder node(String name, NirNode node) {
            if (nodes.put(name, node) != null)
                throw new IllegalArgumentException("node '" + name + "' given twice");
            return this;
        }

        public Builder edge(String source, String target) {
            edges.add(new Edge(source, target));
            return this;
        }

        /** Edges between consecutive names. */
        public Builder chain(String... names) {
            for (int i = 0; i + 1 < names.length; i++) edge(names[i], names[i + 1]);
            return this;
        }

        public Builder metadata(String key, Value v) {
            metadata.put(key, v);
            return this;
        }

        public NirGraph build() {
            return new NirGraph(nodes, edges, metadata);
        }
    }
}
