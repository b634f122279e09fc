package dev.spikeforge.nir.hdf5;

import dev.spikeforge.nir.graph.DType;
import dev.spikeforge.nir.graph.Edge;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.NodeFactory;
import dev.spikeforge.nir.graph.Text;
import dev.spikeforge.nir.graph.Value;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a NIR file (HDF5, as NIR's Python library writes it): a {@code version} string at the root
 * and the graph in group {@code node}; each node group has a {@code type} string, one dataset per
 * parameter and an optional {@code metadata} group; a graph has a {@code nodes} group and an {@code
 * edges} dataset of [n, 2] names. Strings may be variable- or fixed-length. The {@code
 * input_type}/{@code output_type} groups newer NIR versions add to every node restate shapes its
 * parameters already determine, and are not kept.
 */
public final class NirReader {
    /** Groups of shape annotations that NIR derives from the parameters (see the class comment). */
    private static final Set<String> DERIVED_GROUPS = Set.of("input_type", "output_type");

    private NirReader() {}

    public static NirDocument read(Path file) {
        if (!Files.isRegularFile(file)) throw new NirFormatException(file + ": no such file");
        try (HdfFile h = new HdfFile(file)) {
            Node version = h.getChildren().get("version");
            if (!(version instanceof Dataset vd) || !(vd.getData() instanceof String v)) {
                throw new NirFormatException(
                        file + ": no 'version' string dataset at the root; is this a NIR file?");
            }
            if (!(h.getChildren().get("node") instanceof Group g)) {
                throw new NirFormatException(
                        file
                                + ": no 'node' group at the root (the top-level graph); is this a"
                                + " NIR file?");
            }
            NirNode top = readNode(g, "", file);
            if (!(top instanceof NirGraph graph)) {
                throw new NirFormatException(
                        file + ": the top-level node is a " + top.type() + ", not a NIRGraph");
            }
            return new NirDocument(v, graph);
        } catch (NirFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NirFormatException(file + ": not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    private static NirNode readNode(Group g, String path, Path file) {
        String where = path.isEmpty() ? "the top-level graph" : "node '" + path + "'";
        if (!(g.getChildren().get("type") instanceof Dataset td)
                || !(td.getData() instanceof String type)) {
            throw new NirFormatException(file + ": " + where + " has no 'type' string dataset");
        }
        Map<String, Value> metadata = Map.of();
        if (type.equals("NIRGraph")) {
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            List<Edge> edges = new ArrayList<>();
            for (Node c : g.getChildren().values()) {
                switch (c.getName()) {
                    case "type" -> {}
                    case "nodes" -> {
                        if (!(c instanceof Group ng))
                            throw NirFormatException.at(
                                    label(path), type, "'nodes' is not a group");
                        for (Node n : ng.getChildren().values()) {
                            String child = path.isEmpty() ? n.getName() : path + "." + n.getName();
                            if (!(n instanceof Group cg))
                                throw NirFormatException.at(
                                        child, "?", "is a dataset, not a node group");
                            nodes.put(n.getName(), readNode(cg, child, file));
                        }
                    }
                    case "edges" -> edges.addAll(edges(c, path));
                    case "metadata" -> metadata = metadata(c, path, type);
                    default -> {
                        if (!DERIVED_GROUPS.contains(c.getName())) {
                            throw NirFormatException.at(
                                    label(path),
                                    type,
                                    "unexpected entry '"
                                            + c.getName()
                                            + "' (a graph has type, nodes, edges, metadata)");
                        }
                    }
                }
            }
            try {
                return new NirGraph(nodes, edges, metadata);
            } catch (IllegalArgumentException e) {
                throw NirFormatException.at(label(path), type, e.getMessage());
            }
        }
        Map<String, Value> params = new LinkedHashMap<>();
        for (Node c : g.getChildren().values()) {
            String name = c.getName();
            if (name.equals("type")) continue;
            if (name.equals("metadata") && c instanceof Group) {
                metadata = metadata(c, path, type);
            } else if (c instanceof Group) {
                if (!DERIVED_GROUPS.contains(name))
                    throw NirFormatException.at(path, type, "unexpected group '" + name + "'");
            } else {
                params.put(name, value((Dataset) c, path, type));
            }
        }
        return NodeFactory.create(path, type, params, metadata);
    }

    private static String label(String path) {
        return path.isEmpty() ? "<top>" : path;
    }

    private static List<Edge> edges(Node c, String path) {
        if (!(c instanceof Dataset d))
            throw NirFormatException.at(label(path), "NIRGraph", "'edges' is not a dataset");
        Object data = d.getData();
        List<Edge> out = new ArrayList<>();
        if (data instanceof String[][] pairs) {
            for (String[] p : pairs) {
                if (p.length != 2)
                    throw NirFormatException.at(
                            label(path), "NIRGraph", "an edge has " + p.length + " names, not 2");
                out.add(new Edge(p[0], p[1]));
            }
            return out;
        }
        if (data instanceof String[] flat && flat.length == 0) return out;
        throw NirFormatException.at(
                label(path),
                "NIRGraph",
                "'edges' must be [n, 2] strings, got "
                        + d.getJavaType().getSimpleName()
                        + java.util.Arrays.toString(d.getDimensions()));
    }

    private static Map<String, Value> metadata(Node c, String path, String type) {
        if (!(c instanceof Group g))
            throw NirFormatException.at(label(path), type, "'metadata' is not a group");
        Map<String, Value> m = new LinkedHashMap<>();
        for (Node n : g.getChildren().values()) {
            if (!(n instanceof Dataset d))
                throw NirFormatException.at(
                        label(path),
                        type,
                        "metadata '" + n.getName() + "' is a group; only values are supported");
            m.put(n.getName(), value(d, path, type));
        }
        return m;
    }

    static Value value(Dataset d, String path, String type) {
        String name = d.getName();
        Class<?> t = d.getJavaType();
        if (t == String.class) {
            if (d.getData() instanceof String s) return new Text(s);
            throw NirFormatException.at(
                    label(path),
                    type,
                    "parameter '"
                            + name
                            + "' is an array of strings; only single strings are supported");
        }
        DType dtype;
        if (t == float.class || t == Float.class) dtype = DType.FLOAT32;
        else if (t == double.class || t == Double.class) dtype = DType.FLOAT64;
        else if (t == long.class || t == Long.class) dtype = DType.INT64;
        else if (t == int.class
                || t == Integer.class
                || t == short.class
                || t == Short.class
                || t == byte.class
                || t == Byte.class) dtype = DType.INT32;
        else
            throw NirFormatException.at(
                    label(path),
                    type,
                    "parameter '" + name + "' has unsupported element type " + t.getSimpleName());
        int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
        double[] values;
        if (d.isScalar()) {
            values = new double[] {((Number) d.getData()).doubleValue()};
        } else if (d.isEmpty()) {
            values = new double[0];
        } else {
            Object flat = d.getDataFlat();
            int n = java.lang.reflect.Array.getLength(flat);
            values = new double[n];
            for (int i = 0; i < n; i++)
                values[i] = ((Number) java.lang.reflect.Array.get(flat, i)).doubleValue();
        }
        return new NdArray(dtype, shape, values);
    }
}
