package dev.spikeforge.proto.artifact.validate;

import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.List;

/**
 * Every number a trained network is evaluated and compiled from: the input, each layer's size,
 * shape (against the map it reads), weights and biases (finite), neuron parameters and conv
 * geometry. Which layer kinds and score modes a consumer implements is its own business (the
 * compiler refuses what it cannot compile); provenance is a record of the run (a diverged run's
 * loss is NaN there on purpose) and is not checked.
 */
final class TrainedNetworkRules {
    private final Problems problems;

    private TrainedNetworkRules(Problems problems) {
        this.problems = problems;
    }

    static void check(TrainedNetwork net, Problems problems) {
        new TrainedNetworkRules(problems).check(net);
    }

    private void check(TrainedNetwork net) {
        input(net.getInput());
        problems.known("score", net.getScore(), net.getScoreValue());
        if (net.getLayersCount() == 0) {
            problems.add("layers", "there are none (a network needs at least one layer)");
            return;
        }
        if (!problems.range("layers", net.getLayersCount(), 1, FormatLimits.MAX_LAYERS)) return;
        long inputs = TrainedShapes.inputSizeWide(net);
        if (!problems.range(
                "input size (product of input.shape, or layer 0's fan-in)",
                inputs,
                1,
                FormatLimits.MAX_NEURONS)) return;
        SourceMap input = TrainedShapes.inputMap(net);
        SourceMap[] outputs = new SourceMap[net.getLayersCount()];
        for (int i = 0; i < net.getLayersCount(); i++) {
            TrainedLayer l = net.getLayers(i);
            String at =
                    "layer " + i + (l.getName().isEmpty() ? "" : " '" + l.getName() + "'") + " ";
            int from = i - 1;
            if (l.getSourcesCount() > 0) {
                if (!sources(l, i, input, outputs, at)) continue;
                from = l.getSources(0);
            }
            SourceMap src = from < 0 ? input : outputs[from];
            String srcName =
                    from < 0
                            ? "the input"
                            : "layer "
                                    + from
                                    + (src.pool() > 1
                                            ? " after its "
                                                    + src.pool()
                                                    + "x"
                                                    + src.pool()
                                                    + " pooling"
                                            : "");
            boolean kindOk = problems.known(at + "kind", l.getKind(), l.getKindValue());
            if (kindOk && l.getKind() == LayerKind.LAYER_KIND_UNSPECIFIED)
                problems.field(
                        at + "kind",
                        "is not given (DENSE_LIF, RECURRENT_LIF, CONV_LIF or READOUT)");
            boolean sizeOk =
                    problems.unsigned(at + "size", l.getSize(), 1, FormatLimits.MAX_NEURONS);
            neuron(l.getNeuron(), l.getKind() == LayerKind.READOUT, at);
            if (kindOk && sizeOk) {
                if (l.getKind() == LayerKind.CONV_LIF) conv(l, src, srcName, at);
                else dense(l, src.pooledSize(), srcName, at);
                recurrent(l, at);
            }
            // The next layer is checked against what this one declares, right or wrong, so every
            // layer's problems are listed.
            outputs[i] = TrainedShapes.outputMap(l);
        }
    }

    /**
     * A layer that lists {@code sources} reads their outputs summed: each must be an earlier layer
     * (or -1, the input), listed once, and all must produce the same map. False when the layer
     * cannot be checked further.
     */
    private boolean sources(
            TrainedLayer l, int index, SourceMap input, SourceMap[] outputs, String at) {
        SourceMap first = null;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int k = 0; k < l.getSourcesCount(); k++) {
            int s = l.getSources(k);
            if (s < -1 || s >= index) {
                problems.field(
                        at + "sources[" + k + "]",
                        "is "
                                + s
                                + ", not an earlier layer (0.."
                                + (index - 1)
                                + ") or -1 for the input");
                return false;
            }
            if (!seen.add(s)) {
                problems.field(at + "sources[" + k + "]", "lists " + s + " a second time");
                return false;
            }
            SourceMap map = s < 0 ? input : outputs[s];
            if (first == null) {
                first = map;
            } else if (!sameValues(map, first, l.getKind() == LayerKind.CONV_LIF)) {
                problems.field(
                        at + "sources[" + k + "]",
                        "reads ["
                                + map.channels()
                                + ", "
                                + map.height()
                                + ", "
                                + map.width()
                                + "] from "
                                + (s < 0 ? "the input" : "layer " + s)
                                + ", but sources[0] gives ["
                                + first.channels()
                                + ", "
                                + first.height()
                                + ", "
                                + first.width()
                                + "]: summed sources must have the same shape");
                return false;
            }
        }
        return true;
    }

    /**
     * A conv layer sums maps of one shape (pooled or not); any other layer sums vectors of one
     * length.
     */
    private static boolean sameValues(SourceMap a, SourceMap b, boolean conv) {
        if (!conv) return a.pooledSize() == b.pooledSize();
        return a.channels() == b.channels() && a.height() == b.height() && a.width() == b.width();
    }

    private void input(InputSpec in) {
        problems.known("input.encoding", in.getEncoding(), in.getEncodingValue());
        problems.unsigned("input.steps", in.getSteps(), 0, FormatLimits.MAX_STEPS);
        problems.finite("input.gain", in.getGain(), 0, Float.MAX_VALUE);
        problems.finite(
                "input.latency_cutoff", in.getLatencyCutoff(), -Float.MAX_VALUE, Float.MAX_VALUE);
        for (int i = 0; i < in.getShapeCount(); i++)
            problems.unsigned(
                    "input.shape[" + i + "]", in.getShape(i), 1, FormatLimits.MAX_NEURONS);
    }

    private void neuron(FloatLifParams p, boolean readout, String at) {
        problems.finite(at + "neuron.du", p.getDu(), 0, 1);
        problems.finite(at + "neuron.dv", p.getDv(), 0, 1);
        problems.known(at + "neuron.reset", p.getReset(), p.getResetValue());
        // A readout never compares against its threshold, so only spiking layers need a positive
        // one.
        if (readout)
            problems.finite(
                    at + "neuron.threshold", p.getThreshold(), -Float.MAX_VALUE, Float.MAX_VALUE);
        else
            problems.finite(
                    at + "neuron.threshold", p.getThreshold(), Float.MIN_VALUE, Float.MAX_VALUE);
    }

    /**
     * DENSE_LIF, RECURRENT_LIF and READOUT: weights [size, fan_in] reading the source's (pooled)
     * values.
     */
    private void dense(TrainedLayer l, long expectedFanIn, String srcName, String at) {
        Tensor w = l.getWeights();
        long size = Integer.toUnsignedLong(l.getSize());
        if (w.getShapeCount() != 2 || Integer.toUnsignedLong(w.getShape(0)) != size) {
            problems.field(
                    at + "weights.shape",
                    "is " + unsignedList(w.getShapeList()) + ", not [size=" + size + ", fan_in]");
            return;
        }
        long fanIn = Integer.toUnsignedLong(w.getShape(1));
        if (fanIn != expectedFanIn) {
            problems.field(
                    at + "weights.shape",
                    "gives fan-in "
                            + fanIn
                            + ", but "
                            + srcName
                            + " has "
                            + expectedFanIn
                            + " values");
            return;
        }
        if (!problems.count(
                at + "weights.values",
                w.getValuesCount(),
                size * fanIn,
                "shape " + unsignedList(w.getShapeList()))) return;
        finiteValues(at + "weights.values", w.getValuesList());
        bias(l, size, at);
    }

    private void conv(TrainedLayer l, SourceMap src, String srcName, String at) {
        if (!l.hasConv()) {
            problems.field(at + "conv", "is missing (a CONV_LIF layer needs its geometry)");
            return;
        }
        ConvGeometry g = l.getConv();
        String c = at + "conv.";
        boolean ok =
                problems.unsigned(c + "in_channels", g.getInChannels(), 1, FormatLimits.MAX_NEURONS)
                        & problems.unsigned(
                                c + "in_height", g.getInHeight(), 1, FormatLimits.MAX_NEURONS)
                        & problems.unsigned(
                                c + "in_width", g.getInWidth(), 1, FormatLimits.MAX_NEURONS)
                        & problems.unsigned(
                                c + "out_channels", g.getOutChannels(), 1, FormatLimits.MAX_NEURONS)
                        & problems.unsigned(
                                c + "kernel", g.getKernel(), 1, FormatLimits.MAX_NEURONS)
                        & problems.unsigned(
                                c + "padding", g.getPadding(), 0, FormatLimits.MAX_NEURONS)
                        & problems.unsigned(
                                c + "stride", g.getStride(), 0, FormatLimits.MAX_NEURONS)
                        & problems.unsigned(c + "pool", g.getPool(), 0, FormatLimits.MAX_NEURONS);
        if (!ok) return;
        long k = g.getKernel(),
                p = Math.max(1, g.getPool()),
                pad = g.getPadding(),
                stride = Math.max(1, g.getStride());
        long ic = g.getInChannels(),
                ih = g.getInHeight(),
                iw = g.getInWidth(),
                oc = g.getOutChannels();
        long inputs = TrainedShapes.saturatingProduct(ic, ih, iw);
        boolean mapMatches = src.channels() == ic && src.height() == ih && src.width() == iw;
        boolean flatMatches = src.pool() == 1 && src.pooledSize() == inputs;
        if (!mapMatches && !flatMatches) {
            problems.field(
                    c + "in_channels",
                    "with in_height and in_width: the input map ["
                            + ic
                            + ", "
                            + ih
                            + ", "
                            + iw
                            + "] does not match "
                            + srcName
                            + " ["
                            + src.channels()
                            + ", "
                            + src.height()
                            + ", "
                            + src.width()
                            + "]");
        }
        long oh = outExtent(ih, pad, k, stride), ow = outExtent(iw, pad, k, stride);
        if (oh < 1
                || ow < 1
                || Integer.toUnsignedLong(g.getOutHeight()) != oh
                || Integer.toUnsignedLong(g.getOutWidth()) != ow) {
            problems.field(
                    c + "out_height",
                    "with out_width: "
                            + Integer.toUnsignedString(g.getOutHeight())
                            + "x"
                            + Integer.toUnsignedString(g.getOutWidth())
                            + " is not (in + 2·padding − kernel) / stride + 1 = "
                            + oh
                            + "x"
                            + ow);
            return;
        }
        if (oh % p != 0 || ow % p != 0)
            problems.field(c + "pool", p + " does not divide the out map " + oh + "x" + ow);
        long size = TrainedShapes.saturatingProduct(oc, oh, ow);
        if (Integer.toUnsignedLong(l.getSize()) != size)
            problems.field(
                    at + "size",
                    "is "
                            + Integer.toUnsignedString(l.getSize())
                            + ", not out_channels·out_height·out_width = "
                            + size);
        Tensor w = l.getWeights();
        List<Long> want = List.of(oc, ic, k, k);
        if (!unsignedList(w.getShapeList()).equals(want)) {
            problems.field(
                    at + "weights.shape",
                    "is "
                            + unsignedList(w.getShapeList())
                            + ", not "
                            + want
                            + " (out_channels, in_channels, kernel, kernel)");
            return;
        }
        if (!problems.count(
                at + "weights.values",
                w.getValuesCount(),
                TrainedShapes.saturatingProduct(oc, ic, k, k),
                "shape " + want)) return;
        finiteValues(at + "weights.values", w.getValuesList());
        bias(l, oc, at);
    }

    /** Output positions along one axis; 0 when the kernel does not fit. */
    private static long outExtent(long in, long pad, long kernel, long stride) {
        long span = in + 2 * pad - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    private void bias(TrainedLayer l, long expected, String at) {
        Tensor b = l.getBias();
        if (b.getValuesCount() != 0
                && problems.count(
                        at + "bias.values",
                        b.getValuesCount(),
                        expected,
                        "one per neuron (per output channel for CONV_LIF), or none")) {
            finiteValues(at + "bias.values", b.getValuesList());
        }
    }

    private void recurrent(TrainedLayer l, String at) {
        Tensor r = l.getRecurrentWeights();
        boolean given = r.getValuesCount() > 0 || r.getShapeCount() > 0;
        if (l.getKind() != LayerKind.RECURRENT_LIF) {
            if (given)
                problems.field(
                        at + "recurrent_weights",
                        "are given but the layer kind is " + l.getKind() + ", not RECURRENT_LIF");
            return;
        }
        long size = Integer.toUnsignedLong(l.getSize());
        if (!unsignedList(r.getShapeList()).equals(List.of(size, size))) {
            problems.field(
                    at + "recurrent_weights.shape",
                    "is "
                            + unsignedList(r.getShapeList())
                            + ", not [size, size] = ["
                            + size
                            + ", "
                            + size
                            + "]");
            return;
        }
        if (problems.count(
                at + "recurrent_weights.values", r.getValuesCount(), size * size, "size × size")) {
            finiteValues(at + "recurrent_weights.values", r.getValuesList());
        }
    }

    private void finiteValues(String field, List<Float> values) {
        for (int i = 0, n = values.size(); i < n; i++) {
            float v = values.get(i);
            if (!Float.isFinite(v)) {
                problems.field(field + "[" + i + "]", "is " + v + ", not a finite number");
                return;
            }
        }
    }

    private static List<Long> unsignedList(List<Integer> dims) {
        return dims.stream().map(Integer::toUnsignedLong).toList();
    }
}
