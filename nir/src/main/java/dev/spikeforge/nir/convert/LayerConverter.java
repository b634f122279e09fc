package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.Conv2d;
import dev.spikeforge.nir.graph.Delay;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The import's second pass, for one matched layer: NIR's parameters to Spikeforge's (weights as
 * float32, the neuron through {@link NeuronMapping}, Affine/Conv2d biases and v_leak as the layer's
 * bias) and the Delay nodes to the connection's one-step delay. Shapes were checked by {@link
 * LayerMatcher}; what remains to refuse is what the parameters say (time constants, resets, delays
 * of more than one step, a neuron kind the layer cannot have).
 */
final class LayerConverter {
    private LayerConverter() {}

    /**
     * @param delayed true when the feed-forward path carried a one-step Delay (the layer is timed
     *     exactly)
     * @param fidelity a row per node of the layer, in {@link LayerMatch#nodes()} order
     */
    record Converted(TrainedLayer layer, boolean delayed, List<Fidelity> fidelity) {}

    /**
     * @param weightScale factor on the feed-forward weights: 1, or the previous layer's average
     *     pool's 1/p² (exact)
     */
    static Converted convert(LayerMatch m, float weightScale, double dt, ResetRule resetRule) {
        Inbound feed = m.feed(), rec = m.recurrence();
        GraphNode neuron = m.neuron(), syn = feed.synapse();
        int delaySteps = 0;
        for (GraphNode d : feed.delays()) delaySteps += delaySteps(d, dt);
        if (delaySteps > 1) {
            throw NirFormatException.at(
                    neuron.path(),
                    neuron.type(),
                    "its input is delayed by "
                            + delaySteps
                            + " steps of dt; Spikeforge's trained network "
                            + "has only the one-step delay every connection has");
        }
        if (rec != null) {
            int steps = 0;
            for (GraphNode d : rec.delays()) steps += delaySteps(d, dt);
            if (steps > 1) {
                throw NirFormatException.at(
                        rec.synapse().path(),
                        rec.synapse().type(),
                        "the recurrent loop is delayed by "
                                + steps
                                + " steps; Spikeforge's recurrent connections delay by one");
            }
        }
        int size = m.size(), channels = m.isConv() ? m.geometry().getOutChannels() : size;
        double[] bias =
                m.isConv()
                        ? perNeuron(((Conv2d) syn.node()).bias(), size / channels)
                        : bias(syn.node(), size);
        if (rec != null) {
            double[] rb = bias(rec.synapse().node(), size);
            if (rb != null) {
                if (bias == null) bias = rb;
                else for (int k = 0; k < size; k++) bias[k] += rb[k];
            }
        }
        NeuronMapping.Discrete d =
                NeuronMapping.toSpikeforge(
                        neuron.path(), neuron.node(), size, channels, dt, bias, resetRule);
        if (m.isConv() && d.readout()) {
            throw NirFormatException.at(
                    neuron.path(),
                    neuron.type(),
                    "a non-spiking neuron on a conv map; Spikeforge's conv layers spike (CONV_LIF) "
                            + "and only a dense layer can be the READOUT");
        }
        NdArray weight =
                m.isConv() ? ((Conv2d) syn.node()).weight() : NirImporter.weight(syn.node());
        TrainedLayer.Builder layer =
                TrainedLayer.newBuilder()
                        .setName(neuron.path())
                        .setKind(
                                m.isConv()
                                        ? LayerKind.CONV_LIF
                                        : d.readout()
                                                ? LayerKind.READOUT
                                                : rec != null
                                                        ? LayerKind.RECURRENT_LIF
                                                        : LayerKind.DENSE_LIF)
                        .setSize(size)
                        .setWeights(tensor(weight, syn, weightScale))
                        .setNeuron(
                                FloatLifParams.newBuilder()
                                        .setDu(d.du())
                                        .setDv(d.dv())
                                        .setThreshold(d.threshold())
                                        .setReset(d.reset()));
        if (m.isConv()) layer.setConv(m.geometry());
        if (m.sum() != null) layer.addAllSources(m.sum().sources());
        if (rec != null) {
            if (d.readout())
                throw NirFormatException.at(
                        neuron.path(),
                        neuron.type(),
                        "a recurrent READOUT is not supported (only spiking layers may be"
                                + " recurrent)");
            layer.setRecurrentWeights(
                    tensor(NirImporter.weight(rec.synapse().node()), rec.synapse(), 1f));
        }
        float[] b = m.isConv() ? perChannel(neuron, d.bias(), channels) : d.bias();
        if (b != null) {
            Tensor.Builder bt = Tensor.newBuilder().addShape(b.length);
            for (float v : b) bt.addValues(v);
            layer.setBias(bt);
        }
        return new Converted(layer.build(), delaySteps == 1, fidelity(m, d, weightScale));
    }

    /** The conformance rows of a converted layer. */
    private static List<Fidelity> fidelity(
            LayerMatch m, NeuronMapping.Discrete d, float weightScale) {
        Inbound feed = m.feed(), rec = m.recurrence();
        List<Fidelity> rows = new ArrayList<>();
        rows.add(
                synapse(
                        feed.synapse(),
                        m.isConv()
                                ? "CONV_LIF kernel, padding "
                                        + m.geometry().getPadding()
                                        + ", stride "
                                        + Math.max(1, m.geometry().getStride())
                                : "weights [out, in]",
                        weightScale,
                        m.sum()));
        String reset =
                d.readout()
                        ? ""
                        : d.reset() == ResetMode.RESET_BY_SUBTRACTION
                                ? ", reset by subtraction"
                                : ", reset to 0";
        String neuron =
                m.neuron().type()
                        + ": du "
                        + d.du()
                        + ", dv "
                        + d.dv()
                        + (d.readout() ? ", READOUT" : ", threshold " + d.threshold())
                        + reset;
        if (d.onsetBound() > 0) {
            rows.add(
                    new Fidelity(
                            m.neuron().path(),
                            m.neuron().type(),
                            Fidelity.Status.APPROXIMATE,
                            neuron
                                    + "; the Affine bias current is taken at its steady state"
                                    + " (v-bias b/du) from step 0: the onset delivers at most "
                                    + (float) d.onsetBound()
                                    + " more v (Spikeforge units"
                                    + (d.readout() ? "" : ", threshold " + d.threshold())
                                    + "), decaying by (1 − du) per step"));
        } else {
            rows.add(Fidelity.exact(m.neuron(), neuron));
        }
        for (GraphNode n : feed.delays())
            rows.add(Fidelity.exact(n, "the connection's one-step delay"));
        if (rec != null) {
            for (GraphNode n : rec.delays())
                rows.add(Fidelity.exact(n, "the recurrent connection's one-step delay"));
            rows.add(synapse(rec.synapse(), "recurrent weights", 1f, null));
        }
        if (m.pool() != null) {
            int p = m.geometry().getPool();
            rows.add(
                    Fidelity.exact(
                            m.pool(),
                            p
                                    + "x"
                                    + p
                                    + " sum of spikes"
                                    + (m.pool().node() instanceof dev.spikeforge.nir.graph.AvgPool2d
                                            ? ", 1/"
                                                    + p * p
                                                    + " folded into the next weights (a power of"
                                                    + " two)"
                                            : "")));
        }
        return rows;
    }

    /**
     * A synapse's weights: exact when they are float32 values, otherwise the largest float64 →
     * float32 rounding.
     */
    private static Fidelity synapse(GraphNode n, String what, float scale, LayerMatch.Sum sum) {
        NdArray w = n.node() instanceof Conv2d c ? c.weight() : NirImporter.weight(n.node());
        double worst = 0;
        for (int i = 0; i < w.size(); i++)
            worst = Math.max(worst, Math.abs(w.get(i) - (float) w.get(i)));
        String detail =
                what
                        + " "
                        + java.util.Arrays.toString(w.shape())
                        + (scale != 1f ? " × " + scale : "")
                        + (sum != null
                                ? ", reading the sum at '"
                                        + sum.at().path()
                                        + "' of sources "
                                        + sum.sources()
                                : "");
        return worst == 0
                ? Fidelity.exact(n, detail)
                : new Fidelity(
                        n.path(),
                        n.type(),
                        Fidelity.Status.APPROXIMATE,
                        detail + ", float64 rounded to float32: max |error| " + (float) worst);
    }

    /** A Delay node's delay in whole steps of dt. */
    private static int delaySteps(GraphNode n, double dt) {
        Delay d = (Delay) n.node();
        double delay = NeuronMapping.one(n.path(), "Delay", "delay", d.delay(), d.delay().size());
        double k = delay / dt;
        long steps = Math.round(k);
        // Delays are stored as float32 by most exporters: allow their rounding, nothing more.
        if (steps < 0 || Math.abs(k - steps) > 1e-6 * Math.max(1, steps)) {
            throw NirFormatException.at(
                    n.path(),
                    "Delay",
                    "delay = " + delay + " is not a whole number of steps of dt = " + dt);
        }
        return (int) steps;
    }

    private static double[] bias(NirNode n, int size) {
        if (!(n instanceof Affine a)) return null;
        NdArray b = a.bias();
        if (b.size() != size)
            throw NirFormatException.at(
                    "?", "Affine", "bias has " + b.size() + " values for " + size + " outputs");
        return b.data();
    }

    /**
     * The weights as float32, times {@code scale} (1, or an average pool's 1/p², a power of two:
     * exact).
     */
    private static Tensor tensor(NdArray a, GraphNode n, float scale) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int d : a.shape()) t.addShape(d);
        for (int i = 0; i < a.size(); i++) {
            double v = a.get(i);
            if (!Double.isFinite(v))
                throw NirFormatException.at(n.path(), n.type(), "weight " + i + " is " + v);
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

    /**
     * A conv layer's per-neuron bias (Conv2d bias plus v_leak term) as one value per channel; it
     * must not vary within one.
     */
    private static float[] perChannel(GraphNode n, float[] perNeuron, int channels) {
        if (perNeuron == null) return null;
        int positions = perNeuron.length / channels;
        float[] b = new float[channels];
        for (int c = 0; c < channels; c++) {
            b[c] = perNeuron[c * positions];
            for (int k = 1; k < positions; k++) {
                if (Float.floatToIntBits(perNeuron[c * positions + k])
                        != Float.floatToIntBits(b[c])) {
                    throw NirFormatException.at(
                            n.path(),
                            n.type(),
                            "v_leak varies within channel "
                                    + c
                                    + " (position "
                                    + k
                                    + "); a Spikeforge conv layer has one "
                                    + "bias per channel");
                }
            }
        }
        return b;
    }
}
