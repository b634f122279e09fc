package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Affine;
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
import dev.spikeforge.nir.graph.Output;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Spikeforge trained network to a NIR graph. A network imported from NIR and unchanged since gives back the
 * imported graph exactly ({@link ImportRecord}). Any other network is written layer by layer: Input [→ Flatten] →
 * (Affine | Linear) [→ Delay] → neuron → … → Output, with a Linear loop for recurrent weights, and neuron nodes
 * chosen by {@link NeuronMapping#toNir}. Either way the result is imported again and compared with the network, so
 * what is written is known to map back to it exactly.
 */
public final class NirExporter {
    /** Step assumed for a network that carries no dt (one trained by Spikeforge), in seconds. */
    public static final double DEFAULT_DT = 1e-3;

    private NirExporter() {}

    /**
     * @param dt         step in seconds; null: the dt recorded at import, else {@link #DEFAULT_DT}
     * @param delayNodes put a one-step Delay node on each layer's input, making Spikeforge's synaptic delay explicit
     */
    public record Options(Double dt, boolean delayNodes) {}

    /** @param fromRecord true when the imported graph was written back unchanged */
    public record Result(NirDocument document, boolean fromRecord, double dt, List<String> notes) {}

    public static Result convert(TrainedNetwork net, Options o) {
        List<String> notes = new ArrayList<>();
        Double recorded = ImportRecord.dt(net);
        if (recorded != null && (o.dt() == null || o.dt().equals(recorded)) && !o.delayNodes()) {
            NirDocument doc = ImportRecord.restore(net);
            String diff = doc == null ? "its layers no longer match the recorded graph" : difference(net, reimport(doc, recorded, net));
            if (diff == null) {
                notes.add("unchanged since its import: the imported graph is written back as it was (dt = " + recorded + ")");
                return new Result(doc, true, recorded, notes);
            }
            notes.add("changed since its import (" + diff + "): exported from its parameters");
        }
        double dt = o.dt() != null ? o.dt() : recorded != null ? recorded : DEFAULT_DT;
        if (o.dt() == null && recorded == null) notes.add("no dt recorded or given: dt = " + DEFAULT_DT + " s (time constants are dt / decay)");
        NirDocument doc = new NirDocument(NirDocument.DEFAULT_VERSION, graph(net, dt, o.delayNodes(), notes));
        String diff = difference(net, reimport(doc, dt, net));
        if (diff != null) throw new IllegalStateException("the exported graph does not import back to the network: " + diff);
        return new Result(doc, false, dt, notes);
    }

    private static TrainedNetwork reimport(NirDocument doc, double dt, TrainedNetwork net) {
        return NirImporter.convert(doc, new NirImporter.Options(dt, net.getName(), Math.max(1, net.getInput().getSteps()))).network();
    }

    /** The first difference in layers and score between two networks, or null when they agree exactly. */
    static String difference(TrainedNetwork a, TrainedNetwork b) {
        if (a.getLayersCount() != b.getLayersCount()) return a.getLayersCount() + " layers vs " + b.getLayersCount();
        for (int l = 0; l < a.getLayersCount(); l++) {
            TrainedLayer x = a.getLayers(l), y = b.getLayers(l);
            // Names may differ only by the characters NIR node names cannot hold.
            TrainedLayer yNamed = y.toBuilder().setName(x.getName()).build();
            if (!x.toBuilder().clearBias().build().equals(yNamed.toBuilder().clearBias().build())) {
                return "layer " + l + " '" + x.getName() + "' " + firstField(x, yNamed);
            }
            if (!sameBias(x.getBias(), y.getBias(), x.getSize())) return "layer " + l + " '" + x.getName() + "' bias";
        }
        if (a.getScore() != b.getScore()) return "score " + a.getScore() + " vs " + b.getScore();
        return null;
    }

    private static String firstField(TrainedLayer x, TrainedLayer y) {
        if (x.getKind() != y.getKind()) return "kind " + x.getKind() + " vs " + y.getKind();
        if (x.getSize() != y.getSize()) return "size";
        if (!x.getWeights().equals(y.getWeights())) return "weights";
        if (!x.getRecurrentWeights().equals(y.getRecurrentWeights())) return "recurrent weights";
        if (!x.getNeuron().equals(y.getNeuron())) return "neuron " + x.getNeuron().toString().replace('\n', ' ') + "vs " + y.getNeuron().toString().replace('\n', ' ');
        return "parameters";
    }

    /** An absent bias equals an all-zero one. */
    private static boolean sameBias(Tensor a, Tensor b, int size) {
        for (int n = 0; n < size; n++) {
            float x = n < a.getValuesCount() ? a.getValues(n) : 0f, y = n < b.getValuesCount() ? b.getValues(n) : 0f;
            if (Float.floatToIntBits(x) != Float.floatToIntBits(y) && !(x == 0 && y == 0)) return false;
        }
        return true;
    }

    private static NirGraph graph(TrainedNetwork net, double dt, boolean delayNodes, List<String> notes) {
        if (net.getLayersCount() == 0) throw new NirFormatException("network '" + net.getName() + "' has no layers");
        NirGraph.Builder g = NirGraph.builder();
        Set<String> names = new HashSet<>(List.of("input", "output", "flatten"));
        int fanIn = net.getLayers(0).getWeights().getShapeCount() == 2 ? net.getLayers(0).getWeights().getShape(1) : 0;
        long[] shape = net.getInput().getShapeList().stream().mapToLong(Integer::longValue).toArray();
        if (shape.length == 0 || NirImporter.product(shape) != fanIn) {
            if (shape.length > 0) notes.add("input shape " + net.getInput().getShapeList() + " is not the first layer's fan-in " + fanIn + " (encoding "
                    + net.getInput().getEncoding() + "): the NIR input is [" + fanIn + "]");
            shape = new long[]{fanIn};
        }
        g.node("input", new Input(NdArray.ints(shape)));
        String prev = "input";
        if (shape.length > 1) {
            g.node("flatten", new Flatten(NdArray.scalar(DType.INT64, 0), NdArray.scalar(DType.INT64, -1), NdArray.ints(shape)));
            g.edge(prev, "flatten");
            prev = "flatten";
        }
        if (net.getScore() == ScoreMode.SCORE_MAX_POTENTIAL || net.getScore() == ScoreMode.SCORE_MEAN_POTENTIAL) {
            notes.add("score " + net.getScore() + " is how Spikeforge reads the readout; NIR graphs do not say how outputs are scored");
        }
        for (TrainedLayer l : net.getLayersList()) {
            if (l.getKind() == LayerKind.CONV_LIF) {
                throw new NirFormatException("layer '" + l.getName() + "': CONV_LIF layers are not exported yet (dense, recurrent and readout layers are)");
            }
            String name = unique(l.getName().isEmpty() ? "layer" : l.getName().replace('.', '_'), names);
            int size = l.getSize(), in = l.getWeights().getShape(1);
            boolean readout = l.getKind() == LayerKind.READOUT;
            float[] bias = bias(l);
            NirNode neuron = NeuronMapping.toNir(l.getName(), l.getNeuron().getDu(), l.getNeuron().getDv(), l.getNeuron().getThreshold(), readout,
                    l.getNeuron().getReset() == ResetMode.RESET_BY_SUBTRACTION, size, bias, dt);
            NdArray w = matrix(l.getWeights(), size, in);
            boolean biasOnSynapse = bias != null && !NeuronMapping.isCuba(neuron);
            String syn = unique(name + "_syn", names);
            g.node(syn, biasOnSynapse ? new Affine(w, NdArray.vector(DType.FLOAT32, toDouble(bias))) : new Linear(w));
            g.edge(prev, syn);
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
        }
        g.node("output", new Output(NdArray.ints(net.getLayers(net.getLayersCount() - 1).getSize())));
        g.edge(prev, "output");
        return g.build();
    }

    private static String unique(String base, Set<String> used) {
        String n = base;
        for (int k = 2; !used.add(n); k++) n = base + "_" + k;
        return n;
    }

    private static float[] bias(TrainedLayer l) {
        if (l.getBias().getValuesCount() == 0) return null;
        float[] b = new float[l.getSize()];
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
