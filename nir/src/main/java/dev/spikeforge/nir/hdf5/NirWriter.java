package dev.spikeforge.nir.hdf5;

import dev.spikeforge.nir.graph.Edge;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.Text;
import dev.spikeforge.nir.graph.Value;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a NIR file in the layout {@link NirReader} reads and NIR's Python library reads: {@code
 * version}, then group {@code node} with {@code type}, one dataset per parameter (with the array's
 * dtype), {@code metadata} when not empty, and for graphs {@code nodes} and {@code edges} ([n, 2]
 * names).
 *
 * <p>jhdf 0.9.4 writes groups, numeric arrays and scalars, and strings only as fixed-length UTF-8
 * (null-terminated); NIR's writer uses variable-length UTF-8. h5py reads both as bytes and NIR
 * decodes them as UTF-8, so the files read the same. jhdf cannot write an empty dataset, so a graph
 * without edges or an empty array is an error here. The file is written to a temporary file beside
 * the target and renamed over it.
 */
public final class NirWriter {
    private NirWriter() {}

    public static void write(Path file, NirDocument doc) throws IOException {
        Path abs = file.toAbsolutePath();
        // The artifacts' temp-and-rename, so the file gets the umask's mode like every other
        // written file.
        Path tmp = ArtifactFiles.newTempSibling(abs);
        try {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                h.putDataset("version", doc.version());
                writeNode(h.putGroup("node"), doc.graph(), "");
            }
            ArtifactFiles.moveIntoPlace(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeNode(WritableGroup g, NirNode node, String path) {
        g.putDataset("type", node.type());
        if (node instanceof NirGraph graph) {
            WritableGroup nodes = g.putGroup("nodes");
            for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
                writeNode(
                        nodes.putGroup(e.getKey()),
                        e.getValue(),
                        path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            }
            if (graph.edges().isEmpty()) {
                throw NirFormatException.at(
                        path.isEmpty() ? "<top>" : path,
                        "NIRGraph",
                        "has no edges; jhdf 0.9.4 cannot write an empty 'edges' dataset");
            }
            String[][] edges = new String[graph.edges().size()][];
            for (int i = 0; i < edges.length; i++) {
                Edge e = graph.edges().get(i);
                edges[i] = new String[] {e.source(), e.target()};
            }
            g.putDataset("edges", edges);
        } else {
            for (Map.Entry<String, Value> p : node.params().entrySet()) {
                g.putDataset(p.getKey(), javaValue(p.getValue(), path, node.type(), p.getKey()));
            }
        }
        if (!node.metadata().isEmpty()) {
            WritableGroup m = g.putGroup("metadata");
            for (Map.Entry<String, Value> e : node.metadata().entrySet()) {
                m.putDataset(
                        e.getKey(),
                        javaValue(e.getValue(), path, node.type(), "metadata/" + e.getKey()));
            }
        }
    }

    /** The Java object jhdf turns into a dataset of the value's dtype and shape. */
    static Object javaValue(Value v, String path, String type, String name) {
        if (v instanceof Text t) return t.value();
        NdArray a = (NdArray) v;
        Class<?> component =
                switch (a.dtype()) {
                    case FLOAT32 -> float.class;
                    case FLOAT64 -> double.class;
                    case INT64 -> long.class;
                    case INT32 -> int.class;
                };
        if (a.isScalar()) {
            double x = a.get(0);
            return switch (a.dtype()) {
                case FLOAT32 -> (float) x;
                case FLOAT64 -> x;
                case INT64 -> (long) x;
                case INT32 -> (int) x;
            };
        }
        if (a.size() == 0)
            throw NirFormatException.at(
                    path,
                    type,
                    "parameter '" + name + "' is empty; jhdf 0.9.4 cannot write an empty dataset");
        Object out = Array.newInstance(component, a.shape());
        int[] shape = a.shape();
        int[] idx = new int[shape.length];
        for (int flat = 0; flat < a.size(); flat++) {
            Object row = out;
            for (int d = 0; d < shape.length - 1; d++) row = Array.get(row, idx[d]);
            int last = idx[shape.length - 1];
            double x = a.get(flat);
            switch (a.dtype()) {
                case FLOAT32 -> Array.setFloat(row, last, (float) x);
                case FLOAT64 -> Array.setDouble(row, last, x);
                case INT64 -> Array.setLong(row, last, (long) x);
                case INT32 -> Array.setInt(row, last, (int) x);
            }
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }
}
