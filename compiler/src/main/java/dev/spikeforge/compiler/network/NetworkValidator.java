package dev.spikeforge.compiler.network;

import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a trained network's structure (shapes, layer kinds, neuron parameters) and turns it into
 * {@link DenseLayer}s. Structural faults are the trainer's or the user's, not the chip's, so they are reported apart
 * from hardware constraint violations.
 */
public final class NetworkValidator {
    private NetworkValidator() {}

    /** Number of input axons: the product of the input shape, or layer 0's fan-in when the shape is not given. */
    public static int inputSize(TrainedNetwork net) {
        if (net.getInput().getShapeCount() > 0) {
            long n = 1;
            for (int d : net.getInput().getShapeList()) n *= d;
            return (int) Math.min(Integer.MAX_VALUE, n);
        }
        if (net.getLayersCount() == 0) return 0;
        TrainedLayer first = net.getLayers(0);
        if (first.getKind() == LayerKind.CONV_LIF) {
            ConvGeometry g = first.getConv();
            return g.getInChannels() * g.getInHeight() * g.getInWidth();
        }
        return fanIn(first);
    }

    public static List<DenseLayer> validate(TrainedNetwork net) {
        List<String> problems = new ArrayList<>();
        List<DenseLayer> layers = new ArrayList<>();
        if (net.getLayersCount() == 0) problems.add("it has no layers");
        SourceMap src = inputMap(net);
        for (int i = 0; i < net.getLayersCount(); i++) {
            TrainedLayer l = net.getLayers(i);
            String where = "layer " + i + " '" + l.getName() + "': ";
            int before = problems.size();
            checkKind(l, i, net.getLayersCount(), where, problems);
            String srcName = i == 0 ? "the input size" : "the size of layer " + (i - 1) + (src.pool() > 1 ? " after its " + src.pool() + "x" + src.pool() + " pooling" : "");
            if (l.getKind() == LayerKind.CONV_LIF) {
                checkConv(l, src, i == 0 ? "the input" : "layer " + (i - 1) + "'s output map", where, problems);
            } else {
                checkShapes(l, src.pooledSize(), srcName, where, problems);
                if (l.getKind() == LayerKind.RECURRENT_LIF && src.pool() > 1) {
                    problems.add(where + "a RECURRENT_LIF layer reading a pooled conv layer is not supported (put a DENSE_LIF layer between them)");
                }
            }
            checkRecurrent(l, where, problems);
            checkNeuron(l.getNeuron(), l.getKind() == LayerKind.READOUT, where, problems);
            if (l.getKind() == LayerKind.READOUT && net.getInput().getSteps() == 0) {
                problems.add(where + "a readout needs input.steps > 0 to size its headroom");
            }
            if (problems.size() == before) layers.add(toDense(l, i, src));
            src = outputMap(l);
        }
        checkScore(net, problems);
        if (!problems.isEmpty()) throw new InvalidNetworkException(net.getName(), problems);
        return layers;
    }

    private static void checkKind(TrainedLayer l, int i, int count, String where, List<String> problems) {
        switch (l.getKind()) {
            case DENSE_LIF -> { }
            case RECURRENT_LIF -> { }
            case CONV_LIF -> { }
            case READOUT -> {
                // A readout never spikes, so a layer after it would receive nothing.
                if (i != count - 1) problems.add(where + "a READOUT layer must be the last layer");
            }
            default -> problems.add(where + "layer kind " + l.getKind() + " is not supported (DENSE_LIF, RECURRENT_LIF, CONV_LIF and READOUT are)");
        }
    }

    private static void checkShapes(TrainedLayer l, int expectedFanIn, String expectedName, String where, List<String> problems) {
        Tensor w = l.getWeights();
        if (l.getSize() == 0) problems.add(where + "size is 0");
        if (w.getShapeCount() != 2 || w.getShape(0) != l.getSize()) {
            problems.add(where + "weights shape " + w.getShapeList() + " is not [size=" + l.getSize() + ", fan_in]");
            return;
        }
        long expectedValues = (long) w.getShape(0) * w.getShape(1);
        if (w.getValuesCount() != expectedValues) {
            problems.add(where + "weights hold " + w.getValuesCount() + " values, shape " + w.getShapeList() + " needs " + expectedValues);
        }
        if (w.getShape(1) == 0) problems.add(where + "fan-in is 0");
        if (w.getShape(1) != expectedFanIn) {
            problems.add(where + "fan-in " + w.getShape(1) + " differs from " + expectedName + " (" + expectedFanIn + ")");
        }
        for (int k = 0; k < w.getValuesCount(); k++) {
            if (!Float.isFinite(w.getValues(k))) {
                problems.add(where + "weight " + k + " is " + w.getValues(k));
                break;
            }
        }
        Tensor b = l.getBias();
        if (b.getValuesCount() != 0 && b.getValuesCount() != l.getSize()) {
            problems.add(where + "bias holds " + b.getValuesCount() + " values, expected 0 or size=" + l.getSize());
        }
        for (int k = 0; k < b.getValuesCount(); k++) {
            if (!Float.isFinite(b.getValues(k))) {
                problems.add(where + "bias " + k + " is " + b.getValues(k));
                break;
            }
        }
    }

    private static void checkRecurrent(TrainedLayer l, String where, List<String> problems) {
        Tensor r = l.getRecurrentWeights();
        boolean given = r.getValuesCount() > 0 || r.getShapeCount() > 0;
        if (l.getKind() != LayerKind.RECURRENT_LIF) {
            if (given) problems.add(where + "recurrent_weights are given but the layer kind is " + l.getKind() + ", not RECURRENT_LIF");
            return;
        }
        if (r.getShapeCount() != 2 || r.getShape(0) != l.getSize() || r.getShape(1) != l.getSize()
                || r.getValuesCount() != (long) l.getSize() * l.getSize()) {
            problems.add(where + "recurrent_weights shape " + r.getShapeList() + " with " + r.getValuesCount()
                    + " values is not [size=" + l.getSize() + ", size]");
            return;
        }
        for (int k = 0; k < r.getValuesCount(); k++) {
            if (!Float.isFinite(r.getValues(k))) {
                problems.add(where + "recurrent weight " + k + " is " + r.getValues(k));
                break;
            }
        }
    }

    /** The compiled form scores by the readout's final potential, or by spike counts when the last layer spikes. */
    private static void checkScore(TrainedNetwork net, List<String> problems) {
        ScoreMode m = net.getScore();
        boolean readout = net.getLayersCount() > 0 && net.getLayers(net.getLayersCount() - 1).getKind() == LayerKind.READOUT;
        if (m == ScoreMode.SCORE_MAX_POTENTIAL || m == ScoreMode.SCORE_MEAN_POTENTIAL) {
            problems.add("score " + m + " is not supported yet: the compiled network is scored by the readout's final potential "
                    + "(retrain with score 'final', or the simulator and device need the score mode)");
        } else if (m == ScoreMode.SCORE_SPIKE_COUNT && readout) {
            problems.add("score SCORE_SPIKE_COUNT needs a spiking last layer, but the last layer is a READOUT");
        }
    }

    private static void checkNeuron(FloatLifParams p, boolean readout, String where, List<String> problems) {
        if (!(p.getDu() >= 0 && p.getDu() <= 1)) problems.add(where + "neuron.du must be in [0, 1], got " + p.getDu());
        if (!(p.getDv() >= 0 && p.getDv() <= 1)) problems.add(where + "neuron.dv must be in [0, 1], got " + p.getDv());
        // A readout never compares against its threshold, so only spiking layers need one.
        if (!readout && !(p.getThreshold() > 0 && Float.isFinite(p.getThreshold()))) {
            problems.add(where + "neuron.threshold must be > 0, got " + p.getThreshold());
        }
    }

    private static int fanIn(TrainedLayer l) {
        return l.getWeights().getShapeCount() == 2 ? l.getWeights().getShape(1) : 0;
    }

    /** The map layer 0 reads: the input shape when it is [C, H, W], else a flat vector. */
    private static SourceMap inputMap(TrainedNetwork net) {
        var shape = net.getInput().getShapeList();
        if (shape.size() == 3) return new SourceMap(shape.get(0), shape.get(1), shape.get(2), 1);
        if (shape.size() == 2) return new SourceMap(1, shape.get(0), shape.get(1), 1);
        return SourceMap.flat(inputSize(net));
    }

    /** What the next layer reads from layer l: a conv layer's pooled map, else its neurons as a vector. */
    private static SourceMap outputMap(TrainedLayer l) {
        if (l.getKind() != LayerKind.CONV_LIF) return SourceMap.flat(l.getSize());
        ConvGeometry g = l.getConv();
        int p = Math.max(1, g.getPool());
        if (g.getOutHeight() % p != 0 || g.getOutWidth() % p != 0) return SourceMap.flat(l.getSize());
        return new SourceMap(g.getOutChannels(), g.getOutHeight() / p, g.getOutWidth() / p, p);
    }

    private static void checkConv(TrainedLayer l, SourceMap src, String srcName, String where, List<String> problems) {
        if (!l.hasConv()) {
            problems.add(where + "a CONV_LIF layer needs its conv geometry");
            return;
        }
        ConvGeometry g = l.getConv();
        int k = g.getKernel(), p = Math.max(1, g.getPool());
        if (g.getInChannels() == 0 || g.getOutChannels() == 0 || k == 0) {
            problems.add(where + "conv in_channels, out_channels and kernel must be > 0, got " + g.getInChannels() + ", " + g.getOutChannels() + ", " + k);
            return;
        }
        if (g.getStride() > 1) problems.add(where + "conv stride " + g.getStride() + " is not supported (stride 1 only)");
        long inputs = (long) g.getInChannels() * g.getInHeight() * g.getInWidth();
        boolean mapMatches = src.channels() == g.getInChannels() && src.height() == g.getInHeight() && src.width() == g.getInWidth();
        boolean flatMatches = src.pool() == 1 && src.pooledSize() == inputs;
        if (!mapMatches && !flatMatches) {
            problems.add(where + "conv input map [" + g.getInChannels() + ", " + g.getInHeight() + ", " + g.getInWidth() + "] does not match "
                    + srcName + " [" + src.channels() + ", " + src.height() + ", " + src.width() + "]");
        }
        int oh = g.getInHeight() + 2 * g.getPadding() - k + 1, ow = g.getInWidth() + 2 * g.getPadding() - k + 1;
        if (g.getOutHeight() != oh || g.getOutWidth() != ow) {
            problems.add(where + "conv out map " + g.getOutHeight() + "x" + g.getOutWidth() + " is not in + 2·padding − kernel + 1 = " + oh + "x" + ow);
        } else if (oh % p != 0 || ow % p != 0) {
            problems.add(where + "conv pool " + p + " does not divide the out map " + oh + "x" + ow);
        }
        if (l.getSize() != (long) g.getOutChannels() * g.getOutHeight() * g.getOutWidth()) {
            problems.add(where + "size " + l.getSize() + " is not out_channels·out_height·out_width = "
                    + (long) g.getOutChannels() * g.getOutHeight() * g.getOutWidth());
        }
        Tensor w = l.getWeights();
        List<Integer> want = List.of(g.getOutChannels(), g.getInChannels(), k, k);
        if (!w.getShapeList().equals(want) || w.getValuesCount() != (long) g.getOutChannels() * g.getInChannels() * k * k) {
            problems.add(where + "conv weights shape " + w.getShapeList() + " with " + w.getValuesCount() + " values is not " + want);
        }
        for (int j = 0; j < w.getValuesCount(); j++) {
            if (!Float.isFinite(w.getValues(j))) {
                problems.add(where + "weight " + j + " is " + w.getValues(j));
                break;
            }
        }
        Tensor b = l.getBias();
        if (b.getValuesCount() != 0 && b.getValuesCount() != g.getOutChannels()) {
            problems.add(where + "conv bias holds " + b.getValuesCount() + " values, expected 0 or out_channels=" + g.getOutChannels());
        }
        for (int j = 0; j < b.getValuesCount(); j++) {
            if (!Float.isFinite(b.getValues(j))) {
                problems.add(where + "bias " + j + " is " + b.getValues(j));
                break;
            }
        }
    }

    private static DenseLayer toDense(TrainedLayer l, int index, SourceMap src) {
        float[] w = new float[l.getWeights().getValuesCount()];
        for (int k = 0; k < w.length; k++) w[k] = l.getWeights().getValues(k);
        float[] b = new float[l.getSize()];
        // Violations and the report name layers, so an unnamed one gets its position as name.
        String name = l.getName().isEmpty() ? "layer" + index : l.getName();
        boolean readout = l.getKind() == LayerKind.READOUT;
        if (l.getKind() == LayerKind.CONV_LIF) {
            ConvGeometry g = l.getConv();
            // The input's map is the conv's own when the input shape was flat.
            boolean sameMap = src.channels() == g.getInChannels() && src.height() == g.getInHeight() && src.width() == g.getInWidth();
            SourceMap in = src.pool() == 1 && !sameMap
                    ? new SourceMap(g.getInChannels(), g.getInHeight(), g.getInWidth(), 1) : src;
            WeightTying t = TyingBuilder.conv(w, g, in);
            int positions = g.getOutHeight() * g.getOutWidth();
            for (int n = 0; n < l.getSize(); n++) b[n] = l.getBias().getValuesCount() == 0 ? 0 : l.getBias().getValues(n / positions);
            return new DenseLayer(index, name, index - 1, l.getSize(), in.neurons(), t.expand(w), b, l.getNeuron(), false, null, t);
        }
        for (int k = 0; k < l.getBias().getValuesCount(); k++) b[k] = l.getBias().getValues(k);
        float[] rec = null;
        if (l.getKind() == LayerKind.RECURRENT_LIF) {
            rec = new float[l.getRecurrentWeights().getValuesCount()];
            for (int k = 0; k < rec.length; k++) rec[k] = l.getRecurrentWeights().getValues(k);
        }
        if (src.pool() > 1) {
            WeightTying t = TyingBuilder.pooledDense(w, l.getSize(), src);
            return new DenseLayer(index, name, index - 1, l.getSize(), src.neurons(), t.expand(w), b, l.getNeuron(), readout, rec, t);
        }
        return new DenseLayer(index, name, index - 1, l.getSize(), fanIn(l), w, b, l.getNeuron(), readout, rec);
    }
}
