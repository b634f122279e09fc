package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.Conv2d;
import dev.spikeforge.nir.graph.DType;
import dev.spikeforge.nir.graph.Delay;
import dev.spikeforge.nir.graph.Flatten;
import dev.spikeforge.nir.graph.Input;
import dev.spikeforge.nir.graph.Linear;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirGraph;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.NodeFactory;
import dev.spikeforge.nir.graph.Output;
import dev.spikeforge.nir.graph.SumPool2d;
import dev.spikeforge.nir.graph.Value;
import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Spikeforge trained network to a NIR graph. A network imported from NIR and unchanged since
 * gives back the imported graph exactly ({@link ImportRecord}). Any other network is written layer
 * by layer: Input [→ Flatten] → (Affine | Linear) [→ Delay] → neuron → … → Output, with a Linear
 * loop for recurrent weights, and neuron nodes chosen by {@link NeuronMapping#toNir}; a CONV_LIF
 * layer is Conv2d [→ Delay] → neuron [→ SumPool2d], and a Flatten goes between the last conv layer
 * and the first dense one. A layer with several sources (a residual sum) gets one edge from each
 * source's output into its first node, which NIR adds, and then every layer gets its Delay. Either
 * way the result is imported again and compared with the network, so what is written is known to
 * map back to it exactly.
 */
public final class NirExporter {
    /** Step assumed for a network that carries no dt (one trained by Spikeforge), in seconds. */
    public static final double DEFAULT_DT = 1e-3;

    private NirExporter() {}

    /**
     * @param dt step in seconds; null: the dt recorded at import, else {@link #DEFAULT_DT}
     * @param delayNodes put a one-step Delay node on each layer's input, making Spikeforge's
     *     synaptic delay explicit
     */
    public record Options(Double dt, boolean delayNodes) {}

    /**
     * @param fromRecord true when the imported graph was written back unchanged
     */
    public record Result(NirDocument document, boolean fromRecord, double dt, List<String> notes) {}

    public static Result convert(TrainedNetwork net, Options o) {
        List<String> notes = new ArrayList<>();
        Double recorded = ImportRecord.dt(net);
        if (recorded != null && (o.dt() == null || o.dt().equals(recorded)) && !o.delayNodes()) {
            NirDocument doc = ImportRecord.restore(net);
            String diff =
                    doc == null
                            ? "its layers no longer match the recorded graph"
                            : difference(net, reimport(doc, recorded, net));
            if (diff == null) {
                notes.add(
                        "unchanged since its import: the imported graph is written back as it was"
                                + " (dt = "
                                + recorded
                                + ")");
                return new Result(doc, true, recorded, notes);
            }
            notes.add("changed since its import (" + diff + "): exported from its parameters");
        }
        double dt = o.dt() != null ? o.dt() : recorded != null ? recorded : DEFAULT_DT;
        if (o.dt() == null && recorded == null)
            notes.add(
                    "no dt recorded or given: dt = "
                            + DEFAULT_DT
                            + " s (time constants are dt / decay)");
        boolean delayNodes = o.delayNodes();
        if (!delayNodes && net.getLayersList().stream().anyMatch(l -> l.getSourcesCount() > 1)) {
            // A skip edge passes layers that each delay one step in Spikeforge; with zero-delay
            // edges the graph would add
            // the skipped output steps later than Spikeforge does. Explicit one-step delays keep
            // every sum in step.
            notes.add(
                    "residual sums: every layer gets a one-step Delay node after its synapse (as"
                            + " --delay-nodes), so that the graph adds each source on the step"
                            + " Spikeforge does");
            delayNodes = true;
        }
        NirDocument doc =
                new NirDocument(NirDocument.DEFAULT_VERSION, graph(net, dt, delayNodes, notes));
        String diff = difference(net, reimport(doc, dt, net));
        if (diff != null)
            throw new IllegalStateException(
                    "the exported graph does not import back to the network: " + diff);
        return new Result(doc, false, dt, notes);
    }

    private static TrainedNetwork reimport(NirDocument doc, double dt, TrainedNetwork net) {
        return NirImporter.convert(
                        doc,
                        new NirImporter.Options(
                                dt, net.getName(), Math.max(1, net.getInput().getSteps())))
                .network();
    }

    /**
     * The first difference in layers and score between two networks, or null when they agree
     * exactly.
     */
    static String difference(TrainedNetwork a, TrainedNetwork b) {
        if (a.getLayersCount() != b.getLayersCount())
            return a.getLayersCount() + " layers vs " + b.getLayersCount();
        for (int l = 0; l < a.getLayersCount(); l++) {
            TrainedLayer x = normalized(a.getLayers(l), l), y = normalized(b.getLayers(l), l);
            // Names may differ only by the characters NIR node names cannot hold.
            TrainedLayer yNamed = y.toBuilder().setName(x.getName()).build();
            if (!x.toBuilder().clearBias().build().equals(yNamed.toBuilder().clearBias().build())) {
                return "layer " + l + " '" + x.getName() + "' " + firstField(x, yNamed);
            }
            if (!sameBias(x.getBias(), y.getBias(), x.getSize()))
                return "layer " + l + " '" + x.getName() + "' bias";
        }
        if (a.getScore() != b.getScore()) return "score " + a.getScore() + " vs " + b.getScore();
        return null;
    }

    /**
     * Spellings of the same layer made equal: a conv geometry's stride and pool of 0 mean 1, and
     * sources [index − 1] mean none (trained.proto).
     */
    private static TrainedLayer normalized(TrainedLayer l, int index) {
        if (l.getSourcesList().equals(List.of(index - 1))) l = l.toBuilder().clearSources().build();
        if (!l.hasConv()) return l;
        ConvGeometry c = l.getConv();
        return l.toBuilder()
                .setConv(
                        c.toBuilder()
                                .setStride(Math.max(1, c.getStride()))
                                .setPool(Math.max(1, c.getPool())))
                .build();
    }

    private static String firstField(TrainedLayer x, TrainedLayer y) {
        if (x.getKind() != y.getKind()) return "kind " + x.getKind() + " vs " + y.getKind();
        if (x.getSize() != y.getSize()) return "size";
        if (!x.getWeights().equals(y.getWeights())) return "weights";
        if (!x.getRecurrentWeights().equals(y.getRecurrentWeights())) return "recurrent weights";
        if (!x.getNeuron().equals(y.getNeuron()))
            return "neuron "
                    + x.getNeuron().toString().replace('\n', ' ')
                    + "vs "
                    + y.getNeuron().toString().replace('\n', ' ');
        return "parameters";
    }

    /** An absent bias equals an all-zero one. */
    private static boolean sameBias(Tensor a, Tensor b, int size) {
        for (int n = 0; n < size; n++) {
            float x = n < a.getValuesCount() ? a.getValues(n) : 0f,
                    y = n < b.getValuesCount() ? b.getValues(n) : 0f;
            if (Float.floatToIntBits(x) != Float.floatToIntBits(y) && !(x == 0 && y == 0))
                return false;
        }
        return true;
    }

    private static NirGraph graph(
            TrainedNetwork net, double dt, boolean delayNodes, List<String> notes) {
        if (net.getLayersCount() == 0)
            throw new NirFormatException("network '" + net.getName() + "' has no layers");
        NirGraph.Builder g = NirGraph.builder();
        Set<String> names = new HashSet<>(List.of("input", "output", "flatten"));
        TrainedLayer first = net.getLayers(0);
        long[] shape;
        boolean convFirst = first.getKind() == LayerKind.CONV_LIF && first.hasConv();
        if (convFirst) {
            ConvGeometry c = first.getConv();
            shape = new long[] {c.getInChannels(), c.getInHeight(), c.getInWidth()};
        } else {
            int fanIn =
                    first.getWeights().getShapeCount() == 2 ? first.getWeights().getShape(1) : 0;
            shape = net.getInput().getShapeList().stream().mapToLong(Integer::longValue).toArray();
            if (shape.length == 0 || NirImporter.product(shape) != fanIn) {
                if (shape.length > 0)
                    notes.add(
                            "input shape "
                                    + net.getInput().getShapeList()
                                    + " is not the first layer's fan-in "
                                    + fanIn
                                    + " (encoding "
                                    + net.getInput().getEncoding()
                                    + "): the NIR input is ["
                                    + fanIn
                                    + "]");
                shape = new long[] {fanIn};
            }
        }
        g.node("input", new Input(NdArray.ints(shape)));
        String prev = "input";
        int count = net.getLayersCount();
        String[] outputs =
                new String[count]; // the node carrying each layer's output (its neuron or pool)
        long[][] maps =
                new long[count][]; // each conv layer's pooled map, flattened before a dense layer
        if (shape.length > 1 && !convFirst) {
            g.node(
                    "flatten",
                    new Flatten(
                            NdArray.scalar(DType.INT64, 0),
                            NdArray.scalar(DType.INT64, -1),
                            NdArray.ints(shape)));
            g.edge(prev, "flatten");
            prev = "flatten";
        }
        if (net.getScore() == ScoreMode.SCORE_MAX_POTENTIAL
                || net.getScore() == ScoreMode.SCORE_MEAN_POTENTIAL) {
            notes.add(
                    "score "
                            + net.getScore()
                            + " is how Spikeforge reads the readout; NIR graphs do not say how"
                            + " outputs are scored");
        }
        String inputOut = prev;
        for (int i = 0; i < count; i++) {
            TrainedLayer l = net.getLayers(i);
            boolean conv = l.getKind() == LayerKind.CONV_LIF;
            if (conv && !l.hasConv())
                throw new NirFormatException(
                        "layer '" + l.getName() + "': a CONV_LIF layer without its conv geometry");
            String name =
                    unique(l.getName().isEmpty() ? "layer" : l.getName().replace('.', '_'), names);
            // the layer's first node receives one edge per source, which NIR adds (a residual sum),
            // in the order of sources
            List<String> from = new ArrayList<>();
            for (int s : sources(l, i)) from.add(s < 0 ? inputOut : outputs[s]);
            long[] map = i > 0 ? maps[i - 1] : null;
            if (map != null && !conv) {
                String f = unique(name + "_flatten", names);
                g.node(
                        f,
                        new Flatten(
                                NdArray.scalar(DType.INT64, 0),
                                NdArray.scalar(DType.INT64, -1),
                                NdArray.ints(map)));
                for (String s : from) g.edge(s, f);
                from = List.of(f);
            }
            int size = l.getSize();
            boolean readout = l.getKind() == LayerKind.READOUT;
            ConvGeometry c = l.getConv();
            int positions = conv ? c.getOutHeight() * c.getOutWidth() : 1;
            float[] bias = bias(l);
            float[] neuronBias = conv && bias != null ? perNeuron(bias, positions) : bias;
            NirNode neuron =
                    NeuronMapping.toNir(
                            l.getName(),
                            l.getNeuron().getDu(),
                            l.getNeuron().getDv(),
                            l.getNeuron().getThreshold(),
                            readout,
                            l.getNeuron().getReset() == ResetMode.RESET_BY_SUBTRACTION,
                            size,
                            neuronBias,
                            dt);
            boolean biasOnSynapse = bias != null && !NeuronMapping.isCuba(neuron);
            String syn = unique(name + (conv ? "_conv" : "_syn"), names);
            if (conv) {
                // NIR frameworks give a conv's neuron parameters the map's shape [C, H, W]
                neuron =
                        reshaped(
                                name,
                                neuron,
                                new int[] {c.getOutChannels(), c.getOutHeight(), c.getOutWidth()});
                g.node(syn, conv2d(l, biasOnSynapse ? bias : null));
            } else {
                NdArray w = matrix(l.getWeights(), size, l.getWeights().getShape(1));
                g.node(
                        syn,
                        biasOnSynapse
                                ? new Affine(w, NdArray.vector(DType.FLOAT32, toDouble(bias)))
                                : new Linear(w));
            }
            for (String s : from) g.edge(s, syn);
            String into = syn;
            if (delayNodes) {
                String d = unique(name + "_delay", names);
                g.node(d, new Delay(NdArray.filled(DType.FLOAT64, size, dt)));
                g.edge(syn, d);
                into = d;
            }
            g.node(name, neuron);
            g.edge(into, name);
            if (l.getKind() == LayerKind.RECURRENT_LIF) {
                String rec = unique(name + "_rec", names);
                g.node(rec, new Linear(matrix(l.getRecurrentWeights(), size, size)));
                g.edge(name, rec);
                g.edge(rec, name);
            }
            prev = name;
            if (conv) {
                int p = Math.max(1, c.getPool());
                if (p > 1) {
                    String pool = unique(name + "_pool", names);
                    g.node(
                            pool,
                            new SumPool2d(
                                    NdArray.ints(p, p), NdArray.ints(p, p), NdArray.ints(0, 0)));
                    g.edge(prev, pool);
                    prev = pool;
                }
                maps[i] =
                        new long[] {c.getOutChannels(), c.getOutHeight() / p, c.getOutWidth() / p};
            }
            outputs[i] = prev;
        }
        g.node(
                "output",
                new Output(NdArray.ints(net.getLayers(net.getLayersCount() - 1).getSize())));
        g.edge(prev, "output");
        return g.build();
    }

    /**
     * The layers whose outputs layer i adds: its sources, or the layer before it. The graph is
     * written as a chain with edges from earlier outputs into later layers, which is what the
     * import walks, so the layer before must be one.
     */
    private static List<Integer> sources(TrainedLayer l, int i) {
        if (l.getSourcesCount() == 0) return List.of(i - 1);
        if (!l.getSourcesList().contains(i - 1)) {
            throw new NirFormatException(
                    "layer '"
                            + l.getName()
                            + "' ("
                            + i
                            + ") has sources "
                            + l.getSourcesList()
                            + " without layer "
                            + (i - 1)
                            + " ("
                            + (i == 0 ? "the input" : "the layer before it")
                            + "); the NIR export writes a chain of layers in which a layer may also"
                            + " add earlier outputs, so list the layer before it among its sources"
                            + " or reorder the layers");
        }
        return l.getSourcesList();
    }

    /**
     * Conv2d with Spikeforge's geometry: one stride and one padding for both axes, dilation 1, one
     * group.
     */
    private static Conv2d conv2d(TrainedLayer l, float[] bias) {
        ConvGeometry c = l.getConv();
        int k = c.getKernel(), stride = Math.max(1, c.getStride());
        double[] w = new double[l.getWeights().getValuesCount()];
        for (int i = 0; i < w.length; i++) w[i] = l.getWeights().getValues(i);
        double[] b = new double[c.getOutChannels()];
        if (bias != null) for (int i = 0; i < b.length; i++) b[i] = bias[i];
        return new Conv2d(
                new NdArray(
                        DType.FLOAT32, new int[] {c.getOutChannels(), c.getInChannels(), k, k}, w),
                NdArray.vector(DType.FLOAT32, b),
                NdArray.ints(stride, stride),
                NdArray.ints(c.getPadding(), c.getPadding()),
                NdArray.ints(1, 1),
                NdArray.scalar(DType.INT64, 1),
                NdArray.ints(c.getInHeight(), c.getInWidth()));
    }

    /** The same node with every per-neuron parameter in {@code shape}. */
    private static NirNode reshaped(String name, NirNode n, int[] shape) {
        Map<String, Value> params = new LinkedHashMap<>();
        n.params()
                .forEach(
                        (k, v) ->
                                params.put(
                                        k,
                                        v instanceof NdArray a
                                                ? new NdArray(a.dtype(), shape, a.data())
                                                : v));
        return NodeFactory.create(name, n.type(), params, n.metadata());
    }

    private static float[] perNeuron(float[] perChannel, int positions) {
        float[] b = new float[perChannel.length * positions];
        for (int i = 0; i < b.length; i++) b[i] = perChannel[i / positions];
        return b;
    }

    private static String unique(String base, Set<String> used) {
        String n = base;
        for (int k = 2; !used.add(n); k++) n = base + "_" + k;
        return n;
    }

    /**
     * The layer's bias (per neuron; per channel for a conv layer), null when absent or all zero.
     */
    private static float[] bias(TrainedLayer l) {
        if (l.getBias().getValuesCount() == 0) return null;
        float[] b =
                new float
                        [l.getKind() == LayerKind.CONV_LIF
                                ? l.getConv().getOutChannels()
                                : l.getSize()];
        boolean any = false;
        for (int n = 0; n < b.length; n++) {
            b[n] = l.getBias().getValues(n);
            any |= b[n] != 0;
        }
        return any ? b : null;
    }

    private static NdArray matrix(Tensor t, int rows, int cols) {
        double[] d = new double[t.getValuesCount()];
        for (int i = 0; i < d.length; i++) d[i] = t.getValues(i);
        return NdArray.matrix(DType.FLOAT32, rows, cols, d);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
