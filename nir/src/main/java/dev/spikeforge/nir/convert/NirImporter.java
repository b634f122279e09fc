package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.Conv2d;
import dev.spikeforge.nir.graph.Delay;
import dev.spikeforge.nir.graph.Flatten;
import dev.spikeforge.nir.graph.Input;
import dev.spikeforge.nir.graph.Linear;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.Output;
import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.Provenance;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A NIR graph to a Spikeforge trained network. The graph must be a chain Input → [Flatten] → (Affine | Linear)
 * → neuron → … → Output, where each neuron may also feed itself through one Affine or Linear (a RECURRENT_LIF
 * layer), nested graphs are opened up first and a non-spiking neuron (LI, CubaLI, I) may only be last (READOUT).
 * Conv layers come first: Conv2d → neuron [→ SumPool2d | AvgPool2d] is a CONV_LIF layer ({@link ConvMapping}),
 * and a Flatten leads from the last one to the dense layers.
 * See {@link NeuronMapping} for the parameters and docs/nir.md for timing (each layer delays one step; a one-step Delay node on its input is that delay). Whatever cannot be
 * represented is an error naming the node, its type and what is missing.
 */
public final class NirImporter {
    /** Provenance keys of what an import records (see {@link ImportRecord}). */
    public static final String KEY_RECORD = "nir.import";
    public static final String KEY_DT = "nir.dt";

    private NirImporter() {}

    /**
     * @param dt    simulation step in the graph's time unit (seconds for every framework that exports NIR)
     * @param name  network name
     * @param steps steps per sample recorded in the input spec (the compiler sizes readout headroom with it)
     */
    public record Options(double dt, String name, int steps) {
        public Options {
            if (!(dt > 0) || Double.isInfinite(dt)) throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    /**
     * @param network       the trained-network artifact
     * @param layerNodes    per layer, the NIR nodes it came from (synapse, neuron, recurrent synapse; delays)
     * @param delayedLayers layers whose feed-forward path in the graph had a one-step Delay node (exact timing)
     * @param notes         what a user should know about the conversion (timing shift, dtype changes)
     */
    public record Result(TrainedNetwork network, List<List<String>> layerNodes, int delayedLayers, List<String> notes) {
        /** Steps by which Spikeforge's output lags the graph's zero-delay edges: one per layer without a Delay node. */
        public int shiftSteps() {
            return network.getLayersCount() - delayedLayers;
        }
    }

    public static Result convert(NirDocument doc, Options o) {
        Walk w = new Walk(FlatGraph.of(doc.graph()), o);
        Result partial = w.run();
        TrainedNetwork net = partial.network().toBuilder()
                .setProvenance(Provenance.newBuilder()
                        .setToolVersion("spikeforge nir import")
                        .setCreatedAt(Instant.now().toString())
                        .putHyperparameters(KEY_DT, Double.toString(o.dt()))
                        .putHyperparameters("nir.version", doc.version())
                        .putHyperparameters(KEY_RECORD, ImportRecord.of(doc, o.dt(), partial.network())))
                .build();
        return new Result(net, partial.layerNodes(), partial.delayedLayers(), partial.notes());
    }

    /** The chain walk from the Input to the Output. */
    private static final class Walk {
        final FlatGraph g;
        final Options o;
        final Set<String> visited = new HashSet<>();
        final List<String> notes = new ArrayList<>();
        final List<List<String>> layerNodes = new ArrayList<>();
        int delayed;

        Walk(FlatGraph g, Options o) {
            this.g = g;
            this.o = o;
        }

        Result run() {
            String in = only(Input.class), out = only(Output.class);
            Input input = (Input) g.nodes.get(in);
            long[] inShape = input.shape().longs();
            long width = product(inShape);
            visited.add(in);
            TrainedNetwork.Builder net = TrainedNetwork.newBuilder().setName(o.name());
            InputSpec.Builder spec = InputSpec.newBuilder().setEncoding(Encoding.RATE).setSteps(o.steps()).setGain(1f);
            for (long d : inShape) spec.addShape((int) d);
            net.setInput(spec);

            String cur = in;
            boolean readout = false;
            // The [C, H, W] map the next layer reads: the Input's, or a conv layer's (pooled) output; null once flat.
            ConvMapping.FeatureMap map = ConvMapping.ofInputShape(inShape);
            boolean convOut = false;
            float nextWeightScale = 1f;
            while (true) {
                String next = forward(cur, null);
                while (g.nodes.get(next) instanceof Flatten f) {
                    long size = flattenSize(next, f, width);
                    width = size;
                    map = null;
                    convOut = false;
                    visited.add(next);
                    cur = next;
                    next = forward(cur, null);
                }
                NirNode n = g.nodes.get(next);
                if (n instanceof Output outNode) {
                    if (net.getLayersCount() == 0) throw NirFormatException.at(next, "Output", "reached from the Input without any layer");
                    if (convOut) {
                        throw NirFormatException.at(next, "Output", "is fed by a conv layer; Spikeforge scores a READOUT or a spiking dense layer, "
                                + "so end the graph with Flatten → Affine/Linear → neuron");
                    }
                    long want = product(outNode.shape().longs());
                    if (want != width) {
                        throw NirFormatException.at(next, "Output", "shape " + java.util.Arrays.toString(outNode.shape().longs()) + " holds " + want
                                + " values but the last layer has " + width + " neurons");
                    }
                    visited.add(next);
                    break;
                }
                if (readout) throw NirFormatException.at(cur, g.nodes.get(cur).type(), "a non-spiking neuron (READOUT) must be the last layer, but it feeds '" + next + "'");
                List<String> nodes = new ArrayList<>();
                int delaySteps = 0;
                while (g.nodes.get(next) instanceof Delay d) {
                    delaySteps += delaySteps(next, d);
                    nodes.add(next);
                    visited.add(next);
                    next = forward(next, null);
                }
                String syn = next;
                NirNode synNode = g.nodes.get(syn);
                boolean conv = synNode instanceof Conv2d;
                if (!(conv || synNode instanceof Affine || synNode instanceof Linear)) throw unsupported(syn, synNode, "a weight node (Affine, Linear or Conv2d)");
                NdArray weight;
                ConvGeometry geometry = null;
                int size, channels;
                if (conv) {
                    if (map == null && net.getLayersCount() > 0) {
                        throw NirFormatException.at(syn, synNode.type(), "follows a dense layer's vector; Spikeforge's conv layers come first "
                                + "(they read the Input map or another conv layer's)");
                    }
                    geometry = ConvMapping.geometry(syn, (Conv2d) synNode, map, width);
                    if (map == null) {
                        // a flat Input read as the conv's map: record the map so the trainer and compiler see it
                        net.getInputBuilder().clearShape().addShape(geometry.getInChannels()).addShape(geometry.getInHeight()).addShape(geometry.getInWidth());
                    }
                    weight = ((Conv2d) synNode).weight();
                    channels = geometry.getOutChannels();
                    size = channels * geometry.getOutHeight() * geometry.getOutWidth();
                } else {
                    if (convOut) {
                        throw NirFormatException.at(syn, synNode.type(), "reads the conv layer '" + cur + "''s " + map + " map directly; NIR applies "
                                + synNode.type() + " to the last axis only, so put a Flatten between them");
                    }
                    weight = weight(synNode);
                    checkMatrix(syn, synNode, weight, -1, width);
                    size = weight.dim(0);
                    channels = size;
                }
                visited.add(syn);
                nodes.add(0, syn);
                next = forward(syn, null);
                String feed = syn;
                while (g.nodes.get(next) instanceof Delay d) {
                    delaySteps += delaySteps(next, d);
                    nodes.add(next);
                    visited.add(next);
                    feed = next;
                    next = forward(next, null);
                }
                String neuron = next;
                NirNode nn = g.nodes.get(neuron);
                if (!NeuronMapping.isNeuron(nn)) throw unsupported(neuron, nn, "a neuron node (LIF, CubaLIF, IF, LI, CubaLI or I) after '" + syn + "'");
                if (delaySteps > 1) {
                    throw NirFormatException.at(neuron, nn.type(), "its input is delayed by " + delaySteps + " steps of dt; Spikeforge's trained network "
                            + "has only the one-step delay every connection has");
                }
                if (delaySteps == 1) delayed++;
                visited.add(neuron);
                nodes.add(1, neuron);

                // Sources of the neuron other than the feed-forward path must be its own recurrent loop.
                String rec = null;
                NdArray recWeight = null;
                double[] bias = conv ? perNeuron(((Conv2d) synNode).bias(), size / channels) : bias(synNode, size);
                for (String src : g.sources(neuron)) {
                    if (src.equals(feed)) continue;
                    if (conv) throw NirFormatException.at(neuron, nn.type(), "has a second input from '" + src + "'; a conv layer has only its Conv2d input");
                    if (rec != null) throw NirFormatException.at(neuron, nn.type(), "has inputs from '" + rec + "' and '" + src + "'; a layer has one feed-forward and one recurrent input");
                    rec = recurrentSynapse(neuron, nn, src, nodes);
                    NirNode rn = g.nodes.get(rec);
                    recWeight = weight(rn);
                    checkMatrix(rec, rn, recWeight, size, size);
                    double[] rb = bias(rn, size);
                    if (rb != null) {
                        if (bias == null) bias = rb;
                        else for (int k = 0; k < size; k++) bias[k] += rb[k];
                    }
                }
                NeuronMapping.Discrete d = NeuronMapping.toSpikeforge(neuron, nn, size, channels, o.dt(), bias);
                if (conv && d.readout()) {
                    throw NirFormatException.at(neuron, nn.type(), "a non-spiking neuron on a conv map; Spikeforge's conv layers spike (CONV_LIF) "
                            + "and only a dense layer can be the READOUT");
                }
                readout = d.readout();
                int pool = 1;
                float poolScale = 1f;
                cur = neuron;
                if (conv) {
                    String after = forward(neuron, null);
                    NirNode an = g.nodes.get(after);
                    if (ConvMapping.isPool(an)) {
                        pool = ConvMapping.pool(after, an, geometry);
                        poolScale = ConvMapping.weightScale(an, pool);
                        visited.add(after);
                        nodes.add(after);
                        cur = after;
                    }
                    geometry = geometry.toBuilder().setPool(pool).build();
                }
                TrainedLayer.Builder layer = TrainedLayer.newBuilder()
                        .setName(neuron)
                        .setKind(conv ? LayerKind.CONV_LIF : d.readout() ? LayerKind.READOUT : rec != null ? LayerKind.RECURRENT_LIF : LayerKind.DENSE_LIF)
                        .setSize(size)
                        .setWeights(tensor(weight, syn, synNode, nextWeightScale))
                        .setNeuron(FloatLifParams.newBuilder().setDu(d.du()).setDv(d.dv()).setThreshold(d.threshold()).setReset(ResetMode.RESET_TO_ZERO));
                if (conv) layer.setConv(geometry);
                if (rec != null) {
                    if (d.readout()) throw NirFormatException.at(neuron, nn.type(), "a recurrent READOUT is not supported (only spiking layers may be recurrent)");
                    layer.setRecurrentWeights(tensor(recWeight, rec, g.nodes.get(rec), 1f));
                }
                float[] b = conv ? perChannel(neuron, nn, d.bias(), channels) : d.bias();
                if (b != null) {
                    Tensor.Builder bt = Tensor.newBuilder().addShape(b.length);
                    for (float v : b) bt.addValues(v);
                    layer.setBias(bt);
                }
                net.addLayers(layer);
                layerNodes.add(List.copyOf(nodes));
                nextWeightScale = poolScale;
                convOut = conv;
                if (conv) {
                    map = new ConvMapping.FeatureMap(channels, geometry.getOutHeight() / pool, geometry.getOutWidth() / pool);
                    width = map.size();
                } else {
                    map = null;
                    width = size;
                }
            }
            for (Map.Entry<String, NirNode> e : g.nodes.entrySet()) {
                if (!visited.contains(e.getKey())) {
                    throw NirFormatException.at(e.getKey(), e.getValue().type(), "is not on the chain from the Input to the Output; "
                            + "Spikeforge networks are chains of layers, and nothing is dropped silently");
                }
            }
            net.setScore(readout ? ScoreMode.SCORE_FINAL_POTENTIAL : ScoreMode.SCORE_SPIKE_COUNT);
            int layers = net.getLayersCount();
            if (delayed < layers) {
                notes.add((layers - delayed) + " of " + layers + " layers have no Delay node on their input: NIR edges do not delay, "
                        + "Spikeforge connections delay by one step, so the output lags the graph by " + (layers - delayed) + " step(s) = "
                        + (layers - delayed) * o.dt() + " time units");
            }
            return new Result(net.build(), layerNodes, delayed, notes);
        }

        /** The recurrent synapse reached from {@code src} (a synapse or a one-step Delay before it) fed only by the neuron. */
        private String recurrentSynapse(String neuron, NirNode nn, String src, List<String> nodes) {
            String at = src;
            int steps = 0;
            while (g.nodes.get(at) instanceof Delay d) {
                steps += delaySteps(at, d);
                visited.add(at);
                nodes.add(at);
                List<String> s = g.sources(at);
                if (s.size() != 1) throw NirFormatException.at(at, "Delay", "has " + s.size() + " inputs; expected one");
                at = s.get(0);
            }
            NirNode n = g.nodes.get(at);
            if (!(n instanceof Affine || n instanceof Linear)) {
                throw NirFormatException.at(neuron, nn.type(), "has a second input from '" + at + "' (" + n.type() + "); only an Affine or Linear "
                        + "fed by the neuron itself (a recurrent loop) can be a layer's second input");
            }
            List<String> s = g.sources(at);
            if (s.size() != 1 || !s.get(0).equals(neuron)) {
                throw NirFormatException.at(at, n.type(), "feeds '" + neuron + "' as a second input but is fed by " + s
                        + ", not by '" + neuron + "' alone; only a neuron's own recurrent loop can be a second input");
            }
            if (steps > 1) throw NirFormatException.at(at, n.type(), "the recurrent loop is delayed by " + steps + " steps; Spikeforge's recurrent connections delay by one");
            visited.add(at);
            nodes.add(at);
            return at;
        }

        /** The single node {@code node} sends to, leaving out its recurrent loop. */
        private String forward(String node, String ignore) {
            List<String> t = new ArrayList<>(g.targets(node));
            if (NeuronMapping.isNeuron(g.nodes.get(node))) t.removeIf(this::isRecurrentOf);
            t.remove(ignore);
            NirNode n = g.nodes.get(node);
            if (t.isEmpty()) throw NirFormatException.at(node, n.type(), "sends to no node; the chain must reach the Output");
            if (t.size() > 1) {
                throw NirFormatException.at(node, n.type(), "sends to " + t.size() + " nodes " + t + "; Spikeforge networks are chains of layers "
                        + "(besides one recurrent loop per layer)");
            }
            return t.get(0);
        }

        /** A synapse (or Delay chain to one) whose path leads straight back to the neuron it came from. */
        private boolean isRecurrentOf(String target) {
            String at = target;
            Set<String> seen = new HashSet<>();
            while (seen.add(at)) {
                NirNode n = g.nodes.get(at);
                if (!(n instanceof Delay || n instanceof Affine || n instanceof Linear)) return false;
                List<String> s = g.sources(at), t = g.targets(at);
                if (s.size() != 1 || t.size() != 1) return false;
                if (!(n instanceof Delay)) {
                    // the synapse is recurrent when what it feeds (possibly through delays) is the neuron feeding it
                    String down = t.get(0);
                    while (g.nodes.get(down) instanceof Delay && g.targets(down).size() == 1) down = g.targets(down).get(0);
                    String up = s.get(0);
                    while (g.nodes.get(up) instanceof Delay && g.sources(up).size() == 1) up = g.sources(up).get(0);
                    return down.equals(up);
                }
                at = t.get(0);
            }
            return false;
        }

        private String only(Class<? extends NirNode> kind) {
            List<String> found = g.nodes.entrySet().stream().filter(e -> kind.isInstance(e.getValue())).map(Map.Entry::getKey).toList();
            if (found.size() != 1) {
                throw new NirFormatException("the graph has " + found.size() + " " + kind.getSimpleName() + " nodes " + found
                        + "; a Spikeforge network has exactly one input and one output");
            }
            return found.get(0);
        }

        private int delaySteps(String path, Delay d) {
            double delay = NeuronMapping.one(path, "Delay", "delay", d.delay(), d.delay().size());
            double k = delay / o.dt();
            long steps = Math.round(k);
            // Delays are stored as float32 by most exporters: allow their rounding, nothing more.
            if (steps < 0 || Math.abs(k - steps) > 1e-6 * Math.max(1, steps)) {
                throw NirFormatException.at(path, "Delay", "delay = " + delay + " is not a whole number of steps of dt = " + o.dt());
            }
            return (int) steps;
        }

        private long flattenSize(String path, Flatten f, long width) {
            if (f.inputType() != null) {
                long n = product(f.inputType().longs());
                if (n != width) throw NirFormatException.at(path, "Flatten", "input_type holds " + n + " values but receives " + width);
            }
            return width;
        }
    }

    static NdArray weight(NirNode n) {
        return n instanceof Affine a ? a.weight() : ((Linear) n).weight();
    }

    private static double[] bias(NirNode n, int size) {
        if (!(n instanceof Affine a)) return null;
        NdArray b = a.bias();
        if (b.size() != size) throw NirFormatException.at("?", "Affine", "bias has " + b.size() + " values for " + size + " outputs");
        return b.data();
    }

    private static void checkMatrix(String path, NirNode n, NdArray w, int rows, long cols) {
        if (w.rank() != 2) {
            throw NirFormatException.at(path, n.type(), "weight has shape " + java.util.Arrays.toString(w.shape()) + "; Spikeforge layers need a matrix [out, in]");
        }
        if (w.dim(1) != cols) {
            throw NirFormatException.at(path, n.type(), "weight has " + w.dim(1) + " inputs but receives " + cols + " values");
        }
        if (rows >= 0 && w.dim(0) != rows) {
            throw NirFormatException.at(path, n.type(), "recurrent weight has " + w.dim(0) + " rows for a layer of " + rows + " neurons");
        }
        if (n instanceof Affine a && a.bias().size() != w.dim(0)) {
            throw NirFormatException.at(path, n.type(), "bias has " + a.bias().size() + " values for " + w.dim(0) + " outputs");
        }
    }

    /** The weights as float32, times {@code scale} (1, or an average pool's 1/p², a power of two: exact). */
    private static Tensor tensor(NdArray a, String path, NirNode n, float scale) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int d : a.shape()) t.addShape(d);
        for (int i = 0; i < a.size(); i++) {
            double v = a.get(i);
            if (!Double.isFinite(v)) throw NirFormatException.at(path, n.type(), "weight " + i + " is " + v);
            t.addValues((float) v * scale);
        }
        return t.build();
    }

    /** A conv's per-channel bias on every position of its channel. */
    private static double[] perNeuron(NdArray channelBias, int positions) {
        double[] b = new double[channelBias.size() * positions];
        for (int k = 0; k < b.length; k++) b[k] = channelBias.get(k / positions);
        return b;
    }

    /** A conv layer's per-neuron bias (Conv2d bias plus v_leak term) as one value per channel; it must not vary within one. */
    private static float[] perChannel(String path, NirNode n, float[] perNeuron, int channels) {
        if (perNeuron == null) return null;
        int positions = perNeuron.length / channels;
        float[] b = new float[channels];
        for (int c = 0; c < channels; c++) {
            b[c] = perNeuron[c * positions];
            for (int k = 1; k < positions; k++) {
                if (Float.floatToIntBits(perNeuron[c * positions + k]) != Float.floatToIntBits(b[c])) {
                    throw NirFormatException.at(path, n.type(), "v_leak varies within channel " + c + " (position " + k + "); a Spikeforge conv layer has one "
                            + "bias per channel");
                }
            }
        }
        return b;
    }

    private static NirFormatException unsupported(String path, NirNode n, String expected) {
        String why = switch (n.type()) {
            case "Conv1d" -> "1-d convolutions are not imported (Spikeforge's conv layers are 2-d)";
            case "Conv2d" -> "a conv here would need an unflatten, which NIR does not have";
            case "SumPool2d", "AvgPool2d" -> "pooling exists in Spikeforge only right after a conv layer's neurons";
            case "Scale" -> "Spikeforge has no per-signal gain node; fold the scale into the neighbouring Affine's weights";
            case "Threshold" -> "a bare Threshold has no membrane; use an IF or LIF node";
            case "Output" -> "the chain ends before a complete layer";
            default -> NeuronMapping.isNeuron(n) ? "a neuron needs a weight node (Affine or Linear) before it" : "not expected here";
        };
        return NirFormatException.at(path, n.type(), "expected " + expected + ": " + why);
    }

    static long product(long[] shape) {
        long p = 1;
        for (long d : shape) p *= d;
        return p;
    }
}
