package dev.spikeforge.trainer.export;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.codec.NeuronCodec;
import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.network.ConvLayer;
import dev.spikeforge.trainer.network.ConvShape;
import dev.spikeforge.trainer.network.DenseLayer;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.LifParameters;
import dev.spikeforge.trainer.network.RecurrentLayer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts between the engine's {@link LifNetwork} and the layers of the {@link TrainedNetwork}
 * artifact. Learned leaks are written on the chip's fixed-point grid, so the artifact is what the
 * compiler can represent exactly.
 */
public final class NetworkCodec {
    private NetworkCodec() {}

    public static List<TrainedLayer> toLayers(LifNetwork net) {
        List<TrainedLayer> out = new ArrayList<>();
        for (int i = 0; i < net.depth(); i++) {
            Layer l = net.layer(i);
            TrainedLayer.Builder b =
                    TrainedLayer.newBuilder()
                            .setName(l.name())
                            .setKind(l.kind())
                            .setSize(l.neurons())
                            .setNeuron(params(l.neuron().exported()))
                            .addAllSources(net.sources().get(i));
            if (l instanceof ConvLayer c) {
                ConvShape s = c.shape();
                b.setWeights(
                                tensor(
                                        c.weights(),
                                        s.outChannels(),
                                        s.inChannels(),
                                        s.kernel(),
                                        s.kernel()))
                        .setBias(tensor(c.bias(), s.outChannels()))
                        .setConv(geometry(s));
            } else {
                b.setWeights(tensor(l.weights(), l.neurons(), l.inputSize()))
                        .setBias(tensor(l.bias(), l.neurons()));
                if (l instanceof RecurrentLayer r)
                    b.setRecurrentWeights(tensor(r.recurrent(), l.neurons(), l.neurons()));
            }
            out.add(b.build());
        }
        return out;
    }

    /** The network as the artifact stores it: what evaluation of the exported network sees. */
    public static LifNetwork exported(LifNetwork net, InputSpec input) {
        TrainedNetwork proto =
                TrainedNetwork.newBuilder()
                        .setInput(input)
                        .addAllLayers(toLayers(net))
                        .setScore(net.score())
                        .build();
        return fromProto(proto, net.dataType());
    }

    static ConvGeometry geometry(ConvShape s) {
        return ConvGeometry.newBuilder()
                .setInChannels(s.inChannels())
                .setInHeight(s.inHeight())
                .setInWidth(s.inWidth())
                .setOutChannels(s.outChannels())
                .setKernel(s.kernel())
                .setPadding(s.padding())
                .setStride(s.stride())
                .setOutHeight(s.outHeight())
                .setOutWidth(s.outWidth())
                .setPool(s.pool())
                .build();
    }

    private static Tensor tensor(INDArray a, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int d : shape) t.addShape(d);
        for (float v : a.castTo(DataType.FLOAT).dup('c').data().asFloat()) t.addValues(v);
        return t.build();
    }

    public static FloatLifParams params(FloatLif n) {
        return NeuronCodec.toProto(n);
    }

    /**
     * The engine network a trained artifact describes: DENSE_LIF, RECURRENT_LIF and CONV_LIF layers
     * (conv first), then one READOUT (or, when the score is a spike count, a last DENSE_LIF).
     * Anything else is rejected with a message naming the layer.
     */
    public static LifNetwork fromProto(TrainedNetwork proto, DataType type) {
        int count = proto.getLayersCount();
        if (count == 0)
            throw new IllegalArgumentException("network '" + proto.getName() + "' has no layers");
        ScoreMode score = proto.getScore();
        if (score == ScoreMode.UNRECOGNIZED)
            throw new IllegalArgumentException(
                    "network '" + proto.getName() + "' has an unknown score mode");
        boolean counts = score == ScoreMode.SCORE_SPIKE_COUNT;
        InputGeometry in = inputGeometry(proto);
        // What each layer gives its readers, [channels, height, width]; a flat vector is [1, 1, n].
        int[] inputMap =
                in.rowByRow()
                        ? new int[] {1, 1, in.perStep()}
                        : new int[] {in.channels(), in.height(), in.width()};
        List<int[]> maps = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        List<List<Integer>> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TrainedLayer tl = proto.getLayers(i);
            String where = "layer " + i + " ('" + tl.getName() + "')";
            int[] map = readMap(tl, i, inputMap, maps, where);
            int fanIn = map[0] * map[1] * map[2];
            int channels = map[0], height = map[1], width = map[2];
            boolean last = i == count - 1;
            LayerKind kind = tl.getKind();
            if (last && kind != (counts ? LayerKind.DENSE_LIF : LayerKind.READOUT)) {
                throw new IllegalArgumentException(
                        where
                                + " is "
                                + kind
                                + ", but the last layer must be "
                                + (counts ? "DENSE_LIF (its spikes are counted)" : "a READOUT"));
            }
            if (!last && kind == LayerKind.READOUT)
                throw new IllegalArgumentException(
                        where + ": only the last layer may be a READOUT");
            LifParameters neuron =
                    LifParameters.fixed(
                            neuron(tl.getNeuron(), kind == LayerKind.READOUT, where), type);
            int size = tl.getSize();
            Layer layer;
            switch (kind) {
                case CONV_LIF -> {
                    ConvGeometry g = tl.getConv();
                    if (g.getInChannels() != channels
                            || g.getInHeight() != height
                            || g.getInWidth() != width) {
                        throw new IllegalArgumentException(
                                where
                                        + ": conv input map "
                                        + g.getInChannels()
                                        + "x"
                                        + g.getInHeight()
                                        + "x"
                                        + g.getInWidth()
                                        + " differs from what "
                                        + (tl.getSourcesCount() > 0
                                                ? "its sources produce, "
                                                : "the previous layer produces, ")
                                        + channels
                                        + "x"
                                        + height
                                        + "x"
                                        + width);
                    }
                    ConvShape s;
                    try {
                        // stride 0 is the proto default: stride 1
                        s =
                                new ConvShape(
                                        g.getInChannels(),
                                        g.getInHeight(),
                                        g.getInWidth(),
                                        g.getOutChannels(),
                                        g.getKernel(),
                                        g.getPadding(),
                                        Math.max(1, g.getStride()),
                                        Math.max(1, g.getPool()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                    }
                    if (s.problem() != null)
                        throw new IllegalArgumentException(where + ": " + s.problem());
                    if ((g.getOutHeight() != 0 || g.getOutWidth() != 0)
                            && (g.getOutHeight() != s.outHeight()
                                    || g.getOutWidth() != s.outWidth())) {
                        throw new IllegalArgumentException(
                                where
                                        + ": conv output map "
                                        + g.getOutHeight()
                                        + "x"
                                        + g.getOutWidth()
                                        + " differs from "
                                        + s.outHeight()
                                        + "x"
                                        + s.outWidth()
                                        + ", what its input, kernel, padding and stride give");
                    }
                    if (size != s.neurons())
                        throw new IllegalArgumentException(
                                where
                                        + ": size "
                                        + size
                                        + " differs from the conv output map's "
                                        + s.neurons()
                                        + " neurons");
                    INDArray w =
                            values(
                                    tl.getWeights(),
                                    where + " weights",
                                    type,
                                    s.outChannels(),
                                    s.inChannels(),
                                    s.kernel(),
                                    s.kernel());
                    INDArray b =
                            optionalValues(tl.getBias(), where + " bias", type, s.outChannels());
                    layer = new ConvLayer(tl.getName(), s, w, b, neuron);
                    maps.add(new int[] {s.outChannels(), s.pooledHeight(), s.pooledWidth()});
                }
                case RECURRENT_LIF -> {
                    INDArray w = values(tl.getWeights(), where + " weights", type, size, fanIn);
                    INDArray v =
                            values(
                                    tl.getRecurrentWeights(),
                                    where + " recurrent_weights",
                                    type,
                                    size,
                                    size);
                    layer =
                            new RecurrentLayer(
                                    tl.getName(),
                                    w,
                                    v,
                                    optionalValues(tl.getBias(), where + " bias", type, size),
                                    neuron);
                }
                case DENSE_LIF, READOUT -> {
                    INDArray w = values(tl.getWeights(), where + " weights", type, size, fanIn);
                    layer =
                            new DenseLayer(
                                    tl.getName(),
                                    w,
                                    optionalValues(tl.getBias(), where + " bias", type, size),
                                    neuron,
                                    kind == LayerKind.READOUT);
                }
                default ->
                        throw new IllegalArgumentException(where + " has unsupported kind " + kind);
            }
            // A dense layer flattens whatever it reads; a conv layer after it would have no map to
            // read.
            if (kind != LayerKind.CONV_LIF) maps.add(new int[] {1, 1, layer.outputSize()});
            layers.add(layer);
            sources.add(tl.getSourcesList());
        }
        try {
            return new LifNetwork(in.perStep(), layers, score, sources);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "network '" + proto.getName() + "': " + e.getMessage(), e);
        }
    }

    /**
     * The map layer i reads: the previous layer's output (layer 0: the input), or, when it lists
     * sources, their common map; they must agree in shape (a conv layer) or length (any other).
     */
    private static int[] readMap(
            TrainedLayer tl, int i, int[] inputMap, List<int[]> maps, String where) {
        List<Integer> from = tl.getSourcesCount() == 0 ? List.of(i - 1) : tl.getSourcesList();
        int[] first = null;
        for (int s : from) {
            if (s < -1 || s >= i)
                throw new IllegalArgumentException(
                        where + ": source " + s + " is not an earlier layer or -1 (the input)");
            int[] m = s < 0 ? inputMap : maps.get(s);
            if (first == null) {
                first = m;
                continue;
            }
            boolean same =
                    tl.getKind() == LayerKind.CONV_LIF
                            ? java.util.Arrays.equals(m, first)
                            : m[0] * m[1] * m[2] == first[0] * first[1] * first[2];
            if (!same) {
                throw new IllegalArgumentException(
                        where
                                + ": its sources give "
                                + java.util.Arrays.toString(first)
                                + " and "
                                + java.util.Arrays.toString(m)
                                + " values; summed sources must have the same shape");
            }
        }
        return first;
    }

    /**
     * The input as the first layer sees it: [C, H, W] from the input shape ([H, W] or [N] are read
     * as one channel), row by row for sequential encoding. Without a shape, a flat vector of the
     * first layer's fan-in.
     */
    public static InputGeometry inputGeometry(TrainedNetwork proto) {
        InputSpec spec = proto.getInput();
        List<Integer> s = spec.getShapeList();
        boolean rows = spec.getEncoding() == Encoding.SEQUENTIAL;
        if (s.isEmpty()) {
            int fanIn =
                    proto.getLayersCount() == 0
                            ? 1
                            : Math.max(
                                    1,
                                    proto.getLayers(0).getWeights().getShapeCount() == 2
                                            ? proto.getLayers(0).getWeights().getShape(1)
                                            : 1);
            return new InputGeometry(1, 1, fanIn, false);
        }
        if (s.size() == 3) return new InputGeometry(s.get(0), s.get(1), s.get(2), rows);
        if (s.size() == 2) return new InputGeometry(1, s.get(0), s.get(1), rows);
        int n = 1;
        for (int d : s) n *= d;
        return new InputGeometry(1, 1, n, false);
    }

    /** Values the first layer reads per step. */
    public static int inputSize(TrainedNetwork proto) {
        return inputGeometry(proto).perStep();
    }

    private static INDArray values(Tensor t, String what, DataType type, int... shape) {
        long n = 1;
        for (int d : shape) n *= d;
        List<Integer> expected = new ArrayList<>();
        for (int d : shape) expected.add(d);
        if (!t.getShapeList().equals(expected) || t.getValuesCount() != n) {
            throw new IllegalArgumentException(
                    what
                            + " must be "
                            + expected
                            + " with "
                            + n
                            + " values, found shape "
                            + t.getShapeList()
                            + " with "
                            + t.getValuesCount()
                            + " values");
        }
        float[] v = new float[(int) n];
        for (int k = 0; k < v.length; k++) v[k] = t.getValues(k);
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) dims[i] = shape[i];
        return Nd4j.create(v, dims, 'c').castTo(type);
    }

    /** A bias: [1, n], zeros when the tensor is empty. */
    private static INDArray optionalValues(Tensor t, String what, DataType type, int n) {
        float[] v = new float[n];
        if (t.getValuesCount() != 0) {
            if (t.getValuesCount() != n)
                throw new IllegalArgumentException(
                        what + " has " + t.getValuesCount() + " values, expected " + n);
            for (int k = 0; k < n; k++) v[k] = t.getValues(k);
        }
        return Nd4j.create(v, new long[] {1, n}, 'c').castTo(type);
    }

    private static FloatLif neuron(FloatLifParams p, boolean readout, String where) {
        // A readout never compares against its threshold, so an unset (zero) one is harmless there.
        double threshold = readout && !(p.getThreshold() > 0) ? 1.0 : p.getThreshold();
        try {
            return new FloatLif(p.getDu(), p.getDv(), threshold, NeuronCodec.reset(p.getReset()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where + ": invalid neuron parameters: " + e.getMessage(), e);
        }
    }
}
