package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.Conv2d;
import dev.spikeforge.nir.graph.Delay;
import dev.spikeforge.nir.graph.Flatten;
import dev.spikeforge.nir.graph.Input;
import dev.spikeforge.nir.graph.Linear;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.Output;
import dev.spikeforge.proto.ConvGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import's first pass: walks the opened-up graph from its Input to its Output and groups the
 * nodes into {@link LayerMatch} records — [Flatten] → [Delay] → synapse → [Delay] → neuron (+ its
 * recurrent loop) [→ pool] per layer — inferring every node's output shape on the way, as NIR's
 * type inference does. It converts no parameter (that is {@link LayerConverter}'s job); it refuses
 * what is not a chain of such layers, or whose shapes do not fit, naming the node. Every node must
 * end up in a layer or be the Input, the Output or a Flatten.
 *
 * <p>Residual sums: a layer's first node (Flatten, Delay or synapse) may receive edges from several
 * earlier layers' outputs or the Input, which NIR adds; the layer then lists them as its sources.
 * The walk still follows one chain: of a layer output's targets, the next layer is the one whose
 * inputs are all outputs already matched; the others are edges into later layers' sums, taken up
 * when the walk reaches them.
 */
final class LayerMatcher {
    private final FlatGraph g;
    private final Set<String> visited = new HashSet<>();

    /**
     * Node path → the layer whose output it carries (its neuron or pool; {@link Inbound#FROM_INPUT}
     * for the Input).
     */
    private final Map<String, Integer> outputs = new HashMap<>();

    private LayerMatcher(FlatGraph g) {
        this.g = g;
    }

    static MatchedGraph match(FlatGraph g) {
        return new LayerMatcher(g).run();
    }

    private MatchedGraph run() {
        GraphNode input = only(Input.class);
        only(Output.class);
        visited.add(input.path());
        outputs.put(input.path(), Inbound.FROM_INPUT);
        Signal signal = new Signal(((Input) input.node()).shape().longs(), false);
        Signal inputSignal = signal;
        List<LayerMatch> layers = new ArrayList<>();
        ConvMapping.FeatureMap convInput = null;
        String cur = input.path();
        while (true) {
            String next = forward(cur);
            LayerMatch.Sum sum = sum(next, layers, inputSignal);
            String sumAt = sum != null ? next : null;
            while (g.nodes.get(next) instanceof Flatten f) {
                single(next, sumAt);
                signal = flatten(next, f, signal);
                // a flattened output (the Input's, before a dense first layer) is that output for
                // later sums
                if (sum == null && outputs.containsKey(cur)) outputs.put(next, outputs.get(cur));
                visited.add(next);
                cur = next;
                next = forward(cur);
            }
            if (g.nodes.get(next) instanceof Output out) {
                end(next, out, signal, layers);
                break;
            }
            if (!layers.isEmpty()
                    && NeuronMapping.isReadout(layers.get(layers.size() - 1).neuron().node())) {
                throw NirFormatException.at(
                        cur,
                        g.nodes.get(cur).type(),
                        "a non-spiking neuron (READOUT) must be the last layer, but it feeds '"
                                + next
                                + "'");
            }
            LayerMatch layer = layer(layers.size(), cur, next, signal, sum);
            if (layer.isConv() && signal.map() == null)
                convInput =
                        new ConvMapping.FeatureMap(
                                layer.geometry().getInChannels(),
                                layer.geometry().getInHeight(),
                                layer.geometry().getInWidth());
            layers.add(layer);
            signal = layer.emits();
            cur = layer.pool() != null ? layer.pool().path() : layer.neuron().path();
            outputs.put(cur, layer.index());
        }
        for (Map.Entry<String, NirNode> e : g.nodes.entrySet()) {
            if (!visited.contains(e.getKey())) {
                throw NirFormatException.at(
                        e.getKey(),
                        e.getValue().type(),
                        "is not on the chain from the Input to the Output; Spikeforge networks are"
                                + " chains of layers, and nothing is dropped silently");
            }
        }
        return new MatchedGraph(input, layers, convInput);
    }

    /**
     * The layer whose first node (a Delay or the synapse) is {@code first}, reading {@code signal}
     * from node {@code from}.
     */
    private LayerMatch layer(
            int index, String from, String first, Signal signal, LayerMatch.Sum sum) {
        String sumAt = sum != null ? sum.at().path() : null;
        List<GraphNode> delays = new ArrayList<>();
        String next = delays(first, delays, sumAt);
        single(next, sumAt);
        GraphNode syn = node(next);
        if (!(syn.node() instanceof Conv2d
                || syn.node() instanceof Affine
                || syn.node() instanceof Linear)) {
            throw unsupported(syn, "a weight node (Affine, Linear or Conv2d)");
        }
        ConvGeometry geometry = null;
        int size;
        if (syn.node() instanceof Conv2d conv) {
            if (signal.map() == null && index > 0) {
                throw NirFormatException.at(
                        syn.path(),
                        syn.type(),
                        "follows a dense layer's vector; Spikeforge's conv layers come first "
                                + "(they read the Input map or another conv layer's)");
            }
            geometry = ConvMapping.geometry(syn.path(), conv, signal.map(), signal.width());
            size = geometry.getOutChannels() * geometry.getOutHeight() * geometry.getOutWidth();
        } else {
            if (signal.convMap()) {
                throw NirFormatException.at(
                        syn.path(),
                        syn.type(),
                        "reads the conv layer '"
                                + from
                                + "''s "
                                + signal.map()
                                + " map directly; NIR applies "
                                + syn.type()
                                + " to the last axis only, so put a Flatten between them");
            }
            NdArray w = NirImporter.weight(syn.node());
            NirImporter.checkMatrix(syn.path(), syn.node(), w, -1, signal.width());
            size =
                    (int)
                            (syn.node() instanceof Affine a
                                            ? a.outputShape()
                                            : ((Linear) syn.node()).outputShape())
                                    [0];
        }
        visited.add(syn.path());
        String feedEnd = syn.path();
        next = forward(syn.path());
        while (g.nodes.get(next) instanceof Delay) {
            single(next, null);
            delays.add(node(next));
            visited.add(next);
            feedEnd = next;
            next = forward(next);
        }
        GraphNode neuron = node(next);
        if (!NeuronMapping.isNeuron(neuron.node()))
            throw unsupported(
                    neuron,
                    "a neuron node (LIF, CubaLIF, IF, LI, CubaLI or I) after '" + syn.path() + "'");
        visited.add(neuron.path());
        List<Inbound> inbound = new ArrayList<>();
        inbound.add(new Inbound(index - 1 < 0 ? Inbound.FROM_INPUT : index - 1, syn, delays));
        Inbound loop = null;
        for (String src : g.sources(neuron.path())) {
            if (src.equals(feedEnd)) continue;
            if (geometry != null)
                throw NirFormatException.at(
                        neuron.path(),
                        neuron.type(),
                        "has a second input from '"
                                + src
                                + "'; a conv layer has only its Conv2d input");
            if (loop != null) {
                throw NirFormatException.at(
                        neuron.path(),
                        neuron.type(),
                        "has inputs from '"
                                + loop.synapse().path()
                                + "' and '"
                                + src
                                + "'; a layer has one feed-forward and one recurrent input");
            }
            loop = recurrence(index, neuron, src, size);
            inbound.add(loop);
        }
        GraphNode pool = null;
        Signal emits = Signal.flat(size);
        if (geometry != null) {
            outputs.put(
                    neuron.path(), index); // so that forward tells the next node from skip edges
            GraphNode after = node(forward(neuron.path()));
            int p = 1;
            if (ConvMapping.isPool(after.node())) {
                p = ConvMapping.pool(after.path(), after.node(), geometry);
                visited.add(after.path());
                pool = after;
                outputs.remove(neuron.path()); // the pooled map is the layer's output
            }
            geometry = geometry.toBuilder().setPool(p).build();
            emits =
                    new Signal(
                            new long[] {
                                geometry.getOutChannels(),
                                geometry.getOutHeight() / p,
                                geometry.getOutWidth() / p
                            },
                            true);
        }
        return new LayerMatch(index, size, inbound, neuron, pool, signal, emits, geometry, sum);
    }

    /**
     * The residual sum at a layer's first node {@code at}, or null when it has one input. Each
     * input must be a matched layer's output or the Input, each once, all of the same shape.
     */
    private LayerMatch.Sum sum(String at, List<LayerMatch> layers, Signal inputSignal) {
        List<String> from = g.sources(at);
        if (from.size() < 2) return null;
        String type = g.nodes.get(at).type();
        List<Integer> sources = new ArrayList<>();
        Signal first = null;
        for (String s : from) {
            Integer i = outputs.get(s);
            if (i == null) {
                throw NirFormatException.at(
                        at,
                        type,
                        "adds the edge from '"
                                + s
                                + "' ("
                                + g.nodes.get(s).type()
                                + "), which is not a layer's output or the Input; a residual sum"
                                + " adds layer outputs as they are (a Delay goes after the sum, on"
                                + " the layer's own path)");
            }
            if (sources.contains(i))
                throw NirFormatException.at(
                        at,
                        type,
                        "receives '" + s + "' twice; a residual sum adds each source once");
            Signal sig = i == Inbound.FROM_INPUT ? inputSignal : layers.get(i).emits();
            if (first == null) {
                first = sig;
            } else if (first.width() != sig.width()
                    || first.convMap()
                            && sig.convMap()
                            && !Arrays.equals(first.shape(), sig.shape())) {
                throw NirFormatException.at(
                        at,
                        type,
                        "adds '"
                                + from.get(0)
                                + "' "
                                + first
                                + " and '"
                                + s
                                + "' "
                                + sig
                                + "; the outputs of a residual sum must have the same shape");
            }
            sources.add(i);
        }
        return new LayerMatch.Sum(node(at), sources);
    }

    /** A node on a layer's path past its sum has the one input the path gives it. */
    private void single(String path, String sumAt) {
        if (path.equals(sumAt)) return;
        List<String> s = g.sources(path);
        if (s.size() > 1) {
            throw NirFormatException.at(
                    path,
                    g.nodes.get(path).type(),
                    "has "
                            + s.size()
                            + " inputs "
                            + s
                            + "; Spikeforge adds a layer's sources at its first node (where their"
                            + " edges meet), and one edge leads on from there to the synapse and"
                            + " the neuron");
        }
    }

    /**
     * Follows Delay nodes from {@code at}, collecting them; returns the first node that is not a
     * Delay.
     */
    private String delays(String at, List<GraphNode> into, String sumAt) {
        while (g.nodes.get(at) instanceof Delay) {
            single(at, sumAt);
            into.add(node(at));
            visited.add(at);
            at = forward(at);
        }
        return at;
    }

    /**
     * The neuron's recurrent inbound reached from {@code src} (a synapse or a Delay before it) fed
     * only by the neuron.
     */
    private Inbound recurrence(int index, GraphNode neuron, String src, int size) {
        String at = src;
        List<GraphNode> delays = new ArrayList<>();
        while (g.nodes.get(at) instanceof Delay) {
            delays.add(node(at));
            visited.add(at);
            List<String> s = g.sources(at);
            if (s.size() != 1)
                throw NirFormatException.at(
                        at, "Delay", "has " + s.size() + " inputs; expected one");
            at = s.get(0);
        }
        GraphNode syn = node(at);
        if (!(syn.node() instanceof Affine || syn.node() instanceof Linear)) {
            throw NirFormatException.at(
                    neuron.path(),
                    neuron.type(),
                    "has a second input from '"
                            + at
                            + "' ("
                            + syn.type()
                            + "); only an Affine or Linear fed by the neuron itself (a recurrent"
                            + " loop) can be a layer's second input");
        }
        List<String> s = g.sources(at);
        if (s.size() != 1 || !s.get(0).equals(neuron.path())) {
            throw NirFormatException.at(
                    at,
                    syn.type(),
                    "feeds '"
                            + neuron.path()
                            + "' as a second input but is fed by "
                            + s
                            + ", not by '"
                            + neuron.path()
                            + "' alone; only a neuron's own recurrent loop can be a second input");
        }
        NirImporter.checkMatrix(at, syn.node(), NirImporter.weight(syn.node()), size, size);
        visited.add(at);
        return new Inbound(index, syn, delays);
    }

    /** Checks the Output against what reaches it. */
    private void end(String path, Output out, Signal signal, List<LayerMatch> layers) {
        if (layers.isEmpty())
            throw NirFormatException.at(path, "Output", "reached from the Input without any layer");
        if (g.sources(path).size() > 1) {
            throw NirFormatException.at(
                    path,
                    "Output",
                    "adds "
                            + g.sources(path)
                            + "; Spikeforge scores one layer, so end with a layer whose sources "
                            + "are those outputs");
        }
        if (signal.convMap()) {
            throw NirFormatException.at(
                    path,
                    "Output",
                    "is fed by a conv layer; Spikeforge scores a READOUT or a spiking dense layer, "
                            + "so end the graph with Flatten → Affine/Linear → neuron");
        }
        long want = NirImporter.product(out.shape().longs());
        if (want != signal.width()) {
            throw NirFormatException.at(
                    path,
                    "Output",
                    "shape "
                            + Arrays.toString(out.shape().longs())
                            + " holds "
                            + want
                            + " values but the last layer has "
                            + signal.width()
                            + " neurons");
        }
        visited.add(path);
    }

    /**
     * A Flatten checked against what it receives; Spikeforge layers read the values in the same
     * (channel, row, column) order.
     */
    private static Signal flatten(String path, Flatten f, Signal in) {
        if (f.inputType() != null) {
            long n = NirImporter.product(f.inputType().longs());
            if (n != in.width())
                throw NirFormatException.at(
                        path,
                        "Flatten",
                        "input_type holds " + n + " values but receives " + in.width());
        }
        return Signal.flat(in.width());
    }

    /** The single node {@code node} sends to, leaving out its recurrent loop. */
    private String forward(String node) {
        List<String> t = new ArrayList<>(g.targets(node));
        if (NeuronMapping.isNeuron(g.nodes.get(node))) t.removeIf(this::isRecurrentOf);
        NirNode n = g.nodes.get(node);
        if (t.isEmpty())
            throw NirFormatException.at(
                    node, n.type(), "sends to no node; the chain must reach the Output");
        if (t.size() > 1 && outputs.containsKey(node)) {
            // a layer output may also feed later layers' sums: the next layer is the target whose
            // inputs are all here
            List<String> ready =
                    t.stream().filter(x -> outputs.keySet().containsAll(g.sources(x))).toList();
            if (ready.size() == 1) return ready.get(0);
            throw NirFormatException.at(
                    node,
                    n.type(),
                    "sends to "
                            + t.size()
                            + " nodes "
                            + t
                            + ", and "
                            + (ready.isEmpty()
                                    ? "none of them can come next (each also adds the output of a"
                                            + " layer not reached yet)"
                                    : ready + " could each come next")
                            + "; Spikeforge networks are chains of layers in which a layer may also"
                            + " add earlier layers' outputs (a residual sum)");
        }
        if (t.size() > 1) {
            throw NirFormatException.at(
                    node,
                    n.type(),
                    "sends to "
                            + t.size()
                            + " nodes "
                            + t
                            + "; Spikeforge networks are chains of layers "
                            + "(besides one recurrent loop per layer)");
        }
        return t.get(0);
    }

    /**
     * A synapse (or Delay chain to one) whose path leads straight back to the neuron it came from.
     */
    private boolean isRecurrentOf(String target) {
        String at = target;
        Set<String> seen = new HashSet<>();
        while (seen.add(at)) {
            NirNode n = g.nodes.get(at);
            if (!(n instanceof Delay || n instanceof Affine || n instanceof Linear)) return false;
            List<String> s = g.sources(at), t = g.targets(at);
            if (s.size() != 1 || t.size() != 1) return false;
            if (!(n instanceof Delay)) {
                // the synapse is recurrent when what it feeds (possibly through delays) is the
                // neuron feeding it
                String down = t.get(0);
                while (g.nodes.get(down) instanceof Delay && g.targets(down).size() == 1)
                    down = g.targets(down).get(0);
                String up = s.get(0);
                while (g.nodes.get(up) instanceof Delay && g.sources(up).size() == 1)
                    up = g.sources(up).get(0);
                return down.equals(up);
            }
            at = t.get(0);
        }
        return false;
    }

    private GraphNode only(Class<? extends NirNode> kind) {
        List<String> found =
                g.nodes.entrySet().stream()
                        .filter(e -> kind.isInstance(e.getValue()))
                        .map(Map.Entry::getKey)
                        .toList();
        if (found.size() != 1) {
            throw new NirFormatException(
                    "the graph has "
                            + found.size()
                            + " "
                            + kind.getSimpleName()
                            + " nodes "
                            + found
                            + "; a Spikeforge network has exactly one input and one output");
        }
        return node(found.get(0));
    }

    private GraphNode node(String path) {
        return new GraphNode(path, g.nodes.get(path));
    }

    static NirFormatException unsupported(GraphNode n, String expected) {
        String why =
                switch (n.type()) {
                    case "Conv1d" ->
                            "1-d convolutions are not imported (Spikeforge's conv layers are 2-d)";
                    case "Conv2d" -> "a conv here would need an unflatten, which NIR does not have";
                    case "SumPool2d", "AvgPool2d" ->
                            "pooling exists in Spikeforge only right after a conv layer's neurons";
                    case "Scale" ->
                            "Spikeforge has no per-signal gain node; fold the scale into the"
                                    + " neighbouring Affine's weights";
                    case "Threshold" -> "a bare Threshold has no membrane; use an IF or LIF node";
                    case "Output" -> "the chain ends before a complete layer";
                    default ->
                            NeuronMapping.isNeuron(n.node())
                                    ? "a neuron needs a weight node (Affine or Linear) before it"
                                    : "not expected here";
                };
        return NirFormatException.at(n.path(), n.type(), "expected " + expected + ": " + why);
    }
}
