package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Edge;
import dev.spikeforge.nir.graph.Input;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph with its nested graphs opened up: every computing node under its path ("outer.inner"),
 * the top-level Input and Output nodes, and the edges between them. A nested graph's own Input and
 * Output nodes only pass their signal on, so edges through them are joined. An edge may name a
 * nested graph (meaning its single Input as a target or its single Output as a source) or address a
 * node inside it as "graph.node".
 */
final class FlatGraph {
    final Map<String, NirNode> nodes = new LinkedHashMap<>();
    final List<Edge> edges = new ArrayList<>();

    static FlatGraph of(NirGraph top) {
        FlatGraph f = new FlatGraph();
        Set<String> passThrough = new LinkedHashSet<>();
        f.add(top, "", passThrough);
        f.join(passThrough);
        return f;
    }

    private void add(NirGraph g, String prefix, Set<String> passThrough) {
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            String path = prefix + e.getKey();
            if (e.getValue() instanceof NirGraph sub) {
                add(sub, path + ".", passThrough);
            } else {
                nodes.put(path, e.getValue());
                if (!prefix.isEmpty()
                        && (e.getValue() instanceof Input || e.getValue() instanceof Output))
                    passThrough.add(path);
            }
        }
        for (Edge e : g.edges()) {
            edges.add(
                    new Edge(
                            resolve(g, prefix, e.source(), false),
                            resolve(g, prefix, e.target(), true)));
        }
    }

    /**
     * The flat path an edge end names inside graph {@code g} (whose nodes live under {@code
     * prefix}).
     */
    private static String resolve(NirGraph g, String prefix, String name, boolean target) {
        NirNode n = g.nodes().get(name);
        if (n instanceof NirGraph sub) {
            String want = target ? "Input" : "Output";
            List<String> ends =
                    sub.nodes().entrySet().stream()
                            .filter(e -> e.getValue().type().equals(want))
                            .map(Map.Entry::getKey)
                            .toList();
            if (ends.size() != 1) {
                throw NirFormatException.at(
                        prefix + name,
                        "NIRGraph",
                        "an edge "
                                + (target ? "enters" : "leaves")
                                + " the nested graph, which needs exactly one "
                                + want
                                + " node but has "
                                + ends.size()
                                + "; name the node as '"
                                + name
                                + ".<node>'");
            }
            return resolve(sub, prefix + name + ".", ends.get(0), target);
        }
        if (n != null) return prefix + name;
        int dot = name.indexOf('.');
        if (dot > 0 && g.nodes().get(name.substring(0, dot)) instanceof NirGraph sub) {
            return resolve(
                    sub, prefix + name.substring(0, dot) + ".", name.substring(dot + 1), target);
        }
        throw NirFormatException.at(
                prefix + name, "?", "named by an edge but not a node of its graph");
    }

    /** Removes pass-through nodes, connecting each of their sources to each of their targets. */
    private void join(Set<String> passThrough) {
        for (String p : passThrough) {
            List<String> in = new ArrayList<>(), out = new ArrayList<>();
            for (Edge e : edges) {
                if (e.target().equals(p)) in.add(e.source());
                if (e.source().equals(p)) out.add(e.target());
            }
            edges.removeIf(e -> e.source().equals(p) || e.target().equals(p));
            for (String a : in) for (String b : out) edges.add(new Edge(a, b));
            nodes.remove(p);
        }
    }

    List<String> sources(String node) {
        return edges.stream().filter(e -> e.target().equals(node)).map(Edge::source).toList();
    }

    List<String> targets(String node) {
        return edges.stream().filter(e -> e.source().equals(node)).map(Edge::target).toList();
    }
}
