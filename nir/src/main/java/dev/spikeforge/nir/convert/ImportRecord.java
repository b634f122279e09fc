package dev.spikeforge.nir.convert;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spikeforge.nir.graph.DType;
import dev.spikeforge.nir.graph.Edge;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.NodeFactory;
import dev.spikeforge.nir.graph.Text;
import dev.spikeforge.nir.graph.Value;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The imported graph as JSON in the artifact's provenance, so an export can give back exactly the
 * file's graph: NIR's time constants, R and thresholds are folded into a few float32 numbers (see
 * {@link NeuronMapping}), which cannot always be inverted to the same float64 values. Arrays equal
 * to a layer's float32 tensor are stored as a reference to it ("layers/2/weights") rather than
 * twice; uniform arrays as one value. On export the references are filled from the network as it is
 * then, and the record is used only if importing it again gives that network exactly (see {@link
 * NirExporter}); otherwise the network has changed and is exported from its parameters.
 */
public final class ImportRecord {
    private static final Gson GSON =
            new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private ImportRecord() {}

    static String of(NirDocument doc, double dt, TrainedNetwork net) {
        JsonObject o = new JsonObject();
        o.addProperty("version", doc.version());
        o.addProperty("dt", dt);
        o.add("graph", node(doc.graph(), net));
        return GSON.toJson(o);
    }

    /** The recorded dt, or null when the network carries no import record. */
    public static Double dt(TrainedNetwork net) {
        String s = net.getProvenance().getHyperparametersMap().get(NirImporter.KEY_RECORD);
        return s == null
                ? null
                : JsonParser.parseString(s).getAsJsonObject().get("dt").getAsDouble();
    }

    /**
     * The recorded document with references filled from {@code net}; null when there is no record
     * or a reference no longer fits (layers removed or resized).
     */
    static NirDocument restore(TrainedNetwork net) {
        String s = net.getProvenance().getHyperparametersMap().get(NirImporter.KEY_RECORD);
        if (s == null) return null;
        JsonObject o = JsonParser.parseString(s).getAsJsonObject();
        try {
            return new NirDocument(
                    o.get("version").getAsString(),
                    (NirGraph) restoreNode(o.getAsJsonObject("graph"), "", net));
        } catch (StaleReference e) {
            return null;
        }
    }

    private static JsonObject node(NirNode n, TrainedNetwork net) {
        JsonObject o = new JsonObject();
        o.addProperty("type", n.type());
        if (n instanceof NirGraph g) {
            JsonObject nodes = new JsonObject();
            g.nodes().forEach((k, v) -> nodes.add(k, node(v, net)));
            o.add("nodes", nodes);
            JsonArray edges = new JsonArray();
            for (Edge e : g.edges()) {
                JsonArray pair = new JsonArray();
                pair.add(e.source());
                pair.add(e.target());
                edges.add(pair);
            }
            o.add("edges", edges);
        } else {
            JsonObject params = new JsonObject();
            n.params().forEach((k, v) -> params.add(k, value(v, net)));
            o.add("params", params);
        }
        if (!n.metadata().isEmpty()) {
            JsonObject m = new JsonObject();
            n.metadata().forEach((k, v) -> m.add(k, value(v, null)));
            o.add("metadata", m);
        }
        return o;
    }

    private static JsonObject value(Value v, TrainedNetwork net) {
        JsonObject o = new JsonObject();
        if (v instanceof Text t) {
            o.addProperty("text", t.value());
            return o;
        }
        NdArray a = (NdArray) v;
        o.addProperty("dtype", a.dtype().name());
        JsonArray shape = new JsonArray();
        for (int d : a.shape()) shape.add(d);
        o.add("shape", shape);
        String ref = net == null ? null : reference(a, net);
        if (ref != null) {
            o.addProperty("ref", ref);
        } else if (a.size() > 1 && a.isUniform()) {
            o.addProperty("fill", a.get(0));
        } else {
            JsonArray data = new JsonArray();
            for (int i = 0; i < a.size(); i++) data.add(a.get(i));
            o.add("data", data);
        }
        return o;
    }

    /** A float32 array equal to one of the network's tensors (worth referencing when large). */
    private static String reference(NdArray a, TrainedNetwork net) {
        if (a.dtype() != DType.FLOAT32 || a.size() < 8) return null;
        for (int l = 0; l < net.getLayersCount(); l++) {
            TrainedLayer layer = net.getLayers(l);
            if (same(a, layer.getWeights())) return "layers/" + l + "/weights";
            if (same(a, layer.getRecurrentWeights())) return "layers/" + l + "/recurrent_weights";
            if (same(a, layer.getBias())) return "layers/" + l + "/bias";
        }
        return null;
    }

    private static boolean same(NdArray a, Tensor t) {
        if (t.getValuesCount() != a.size()) return false;
        for (int i = 0; i < a.size(); i++)
            if (Float.floatToIntBits(t.getValues(i)) != Float.floatToIntBits((float) a.get(i)))
                return false;
        return true;
    }

    private static NirNode restoreNode(JsonObject o, String path, TrainedNetwork net) {
        String type = o.get("type").getAsString();
        Map<String, Value> metadata = new LinkedHashMap<>();
        if (o.has("metadata"))
            o.getAsJsonObject("metadata")
                    .entrySet()
                    .forEach(
                            e ->
                                    metadata.put(
                                            e.getKey(),
                                            restoreValue(e.getValue().getAsJsonObject(), net)));
        if (type.equals("NIRGraph")) {
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("nodes").entrySet()) {
                nodes.put(
                        e.getKey(),
                        restoreNode(
                                e.getValue().getAsJsonObject(),
                                path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                                net));
            }
            List<Edge> edges = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("edges"))
                edges.add(
                        new Edge(
                                e.getAsJsonArray().get(0).getAsString(),
                                e.getAsJsonArray().get(1).getAsString()));
            return new NirGraph(nodes, edges, metadata);
        }
        Map<String, Value> params = new LinkedHashMap<>();
        o.getAsJsonObject("params")
                .entrySet()
                .forEach(
                        e ->
                                params.put(
                                        e.getKey(),
                                        restoreValue(e.getValue().getAsJsonObject(), net)));
        return NodeFactory.create(path, type, params, metadata);
    }

    private static Value restoreValue(JsonObject o, TrainedNetwork net) {
        if (o.has("text")) return new Text(o.get("text").getAsString());
        DType dtype = DType.valueOf(o.get("dtype").getAsString());
        JsonArray s = o.getAsJsonArray("shape");
        int[] shape = new int[s.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) n *= shape[i] = s.get(i).getAsInt();
        double[] data = new double[(int) n];
        if (o.has("ref")) {
            Tensor t = tensor(o.get("ref").getAsString(), net);
            if (t == null || t.getValuesCount() != n) throw new StaleReference();
            for (int i = 0; i < data.length; i++) data[i] = t.getValues(i);
        } else if (o.has("fill")) {
            java.util.Arrays.fill(data, number(o.get("fill")));
        } else {
            JsonArray d = o.getAsJsonArray("data");
            for (int i = 0; i < data.length; i++) data[i] = number(d.get(i));
        }
        return new NdArray(dtype, shape, data);
    }

    /** Gson writes NaN and infinities as bare words; read them back. */
    private static double number(JsonElement e) {
        String s = e.getAsString();
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static Tensor tensor(String ref, TrainedNetwork net) {
        String[] p = ref.split("/");
        int l = Integer.parseInt(p[1]);
        if (l >= net.getLayersCount()) return null;
        TrainedLayer layer = net.getLayers(l);
        return switch (p[2]) {
            case "weights" -> layer.getWeights();
            case "recurrent_weights" -> layer.getRecurrentWeights();
            case "bias" -> layer.getBias();
            default -> null;
        };
    }

    private static final class StaleReference extends RuntimeException {
        StaleReference() {
            super(null, null, false, false);
        }
    }
}
