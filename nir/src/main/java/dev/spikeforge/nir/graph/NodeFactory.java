package dev.spikeforge.nir.graph;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds a node from its NIR type name and parameters as a file stores them. A missing required
 * parameter, an unknown one, a text where a number belongs and an unknown type are errors naming
 * the node: nothing is dropped. Optional parameters take NIR's defaults (w_in ones), or stay absent
 * where their absence means something that depends on the NIR version (v_reset) or nothing at all
 * (input shapes).
 */
public final class NodeFactory {
    /**
     * Every type this reader knows, NIRGraph aside (it has nodes and edges rather than parameters).
     */
    public static final Set<String> TYPES =
            Set.of(
                    "Input",
                    "Output",
                    "Affine",
                    "Linear",
                    "Scale",
                    "Conv1d",
                    "Conv2d",
                    "SumPool2d",
                    "AvgPool2d",
                    "Flatten",
                    "Delay",
                    "Threshold",
                    "I",
                    "IF",
                    "LI",
                    "LIF",
                    "CubaLI",
                    "CubaLIF");

    private NodeFactory() {}

    public static NirNode create(
            String path, String type, Map<String, Value> params, Map<String, Value> metadata) {
        if (!TYPES.contains(type)) {
            throw NirFormatException.at(
                    path,
                    type,
                    "unknown node type (known: NIRGraph and "
                            + new java.util.TreeSet<>(TYPES)
                            + ")");
        }
        Params p = new Params(path, type, params);
        NirNode node =
                switch (type) {
                    case "Input" -> new Input(p.array("shape"), metadata);
                    case "Output" -> new Output(p.array("shape"), metadata);
                    case "Affine" -> new Affine(p.array("weight"), p.array("bias"), metadata);
                    case "Linear" -> new Linear(p.array("weight"), metadata);
                    case "Scale" -> new Scale(p.array("scale"), metadata);
                    case "Conv1d" ->
                            new Conv1d(
                                    p.array("weight"),
                                    p.array("bias"),
                                    p.array("stride"),
                                    p.value("padding"),
                                    p.array("dilation"),
                                    p.array("groups"),
                                    p.optional("input_shape"),
                                    metadata);
                    case "Conv2d" ->
                            new Conv2d(
                                    p.array("weight"),
                                    p.array("bias"),
                                    p.array("stride"),
                                    p.value("padding"),
                                    p.array("dilation"),
                                    p.array("groups"),
                                    p.optional("input_shape"),
                                    metadata);
                    case "SumPool2d" ->
                            new SumPool2d(
                                    p.array("kernel_size"),
                                    p.array("stride"),
                                    p.array("padding"),
                                    metadata);
                    case "AvgPool2d" ->
                            new AvgPool2d(
                                    p.array("kernel_size"),
                                    p.array("stride"),
                                    p.array("padding"),
                                    metadata);
                    case "Flatten" ->
                            new Flatten(
                                    p.array("start_dim"),
                                    p.array("end_dim"),
                                    p.optional("input_type"),
                                    metadata);
                    case "Delay" -> new Delay(p.array("delay"), metadata);
                    case "Threshold" -> new Threshold(p.array("threshold"), metadata);
                    case "I" -> new I(p.array("r"), metadata);
                    case "IF" -> {
                        NdArray th = p.array("v_threshold");
                        yield new IF(p.array("r"), th, p.optional("v_reset"), metadata);
                    }
                    case "LI" -> new LI(p.array("tau"), p.array("r"), p.array("v_leak"), metadata);
                    case "LIF" -> {
                        NdArray th = p.array("v_threshold");
                        yield new LIF(
                                p.array("tau"),
                                p.array("r"),
                                p.array("v_leak"),
                                th,
                                p.optional("v_reset"),
                                metadata);
                    }
                    case "CubaLI" -> {
                        NdArray leak = p.array("v_leak");
                        yield new CubaLI(
                                p.array("tau_syn"),
                                p.array("tau_mem"),
                                p.array("r"),
                                leak,
                                p.orFill("w_in", leak, 1),
                                metadata);
                    }
                    case "CubaLIF" -> {
                        NdArray th = p.array("v_threshold");
                        yield new CubaLIF(
                                p.array("tau_syn"),
                                p.array("tau_mem"),
                                p.array("r"),
                                p.array("v_leak"),
                                th,
                                p.optional("v_reset"),
                                p.orFill("w_in", th, 1),
                                metadata);
                    }
                    default -> throw new IllegalStateException(type);
                };
        p.checkAllUsed();
        return node;
    }

    /**
     * The parameters of one node, tracking which were used so leftovers are reported rather than
     * dropped.
     */
    private static final class Params {
        private final String path, type;
        private final Map<String, Value> values;
        private final Set<String> used = new java.util.HashSet<>();

        Params(String path, String type, Map<String, Value> values) {
            this.path = path;
            this.type = type;
            this.values = new LinkedHashMap<>(values);
        }

        Value value(String name) {
            used.add(name);
            Value v = values.get(name);
            if (v == null)
                throw NirFormatException.at(
                        path,
                        type,
                        "missing parameter '" + name + "' (has " + values.keySet() + ")");
            return v;
        }

        NdArray array(String name) {
            Value v = value(name);
            if (v instanceof NdArray a) return a;
            throw NirFormatException.at(
                    path, type, "parameter '" + name + "' must be numeric, got text " + v);
        }

        NdArray optional(String name) {
            return values.containsKey(name) ? array(name) : null;
        }

        /**
         * NIR's default for an absent parameter: an array like {@code like}, filled with {@code
         * fill}.
         */
        NdArray orFill(String name, NdArray like, double fill) {
            if (values.containsKey(name)) return array(name);
            double[] d = new double[like.size()];
            Arrays.fill(d, fill);
            return new NdArray(like.dtype(), like.shape(), d);
        }

        void checkAllUsed() {
            for (String k : values.keySet()) {
                if (!used.contains(k)) {
                    throw NirFormatException.at(
                            path,
                            type,
                            "unknown parameter '" + k + "' (a " + type + " has " + used + ")");
                }
            }
        }
    }
}
