package dev.spikeforge.compiler.layers;

import dev.spikeforge.proto.ConvGeometry;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.validate.ArtifactValidator;
import dev.spikeforge.proto.artifact.validate.Problems;
import dev.spikeforge.proto.artifact.validate.SourceMap;
import dev.spikeforge.proto.artifact.validate.TrainedShapes;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a trained network is one the compiler handles and turns it into {@link FloatLayer}s.
 * The artifact's own rules (shapes, finite values, neuron parameters, conv geometry) are {@link
 * ArtifactValidator}'s, which every reader of an artifact applies; here come only what the compiler
 * adds: the layer kinds and score modes it compiles and the layouts it maps. Structural faults are
 * the trainer's or the user's, not the chip's, so they are reported apart from hardware constraint
 * violations.
 */
public final class NetworkValidator {
    private NetworkValidator() {}

    /**
     * Number of input axons: the product of the input shape, or layer 0's fan-in when the shape is
     * not given.
     */
    public static int inputSize(TrainedNetwork net) {
        return TrainedShapes.inputSize(net);
    }

    public static List<FloatLayer> validate(TrainedNetwork net) {
        Problems format = ArtifactValidator.check(net);
        if (!format.isEmpty()) {
            List<String> problems = new ArrayList<>(format.list());
            if (format.count() > problems.size())
                problems.add("... and " + (format.count() - problems.size()) + " more");
            throw new InvalidNetworkException(net.getName(), problems);
        }
        List<String> problems = new ArrayList<>();
        List<FloatLayer> layers = new ArrayList<>();
        SourceMap input = TrainedShapes.inputMap(net);
        SourceMap[] outputs = new SourceMap[net.getLayersCount()];
        for (int i = 0; i < net.getLayersCount(); i++) {
            TrainedLayer l = net.getLayers(i);
            String where = "layer " + i + " '" + l.getName() + "': ";
            int before = problems.size();
            checkKind(l, i, net.getLayersCount(), where, problems);
            int[] from =
                    l.getSourcesCount() == 0
                            ? new int[] {i - 1}
                            : l.getSourcesList().stream().mapToInt(Integer::intValue).toArray();
            SourceMap[] maps = new SourceMap[from.length];
            boolean pooled = false;
            for (int k = 0; k < from.length; k++) {
                maps[k] = from[k] < 0 ? input : outputs[from[k]];
                pooled |= maps[k].pool() > 1;
            }
            if (l.getKind() == LayerKind.RECURRENT_LIF && pooled) {
                problems.add(
                        where
                                + "a RECURRENT_LIF layer reading a pooled conv layer is not"
                                + " supported (put a DENSE_LIF layer between them)");
            }
            if (l.getKind() == LayerKind.READOUT && net.getInput().getSteps() == 0) {
                problems.add(where + "a readout needs input.steps > 0 to size its headroom");
            }
            if (problems.size() == before) layers.add(toDense(l, i, from, maps));
            outputs[i] = TrainedShapes.outputMap(l);
        }
        checkScore(net, problems);
        if (!problems.isEmpty()) throw new InvalidNetworkException(net.getName(), problems);
        return layers;
    }

    private static void checkKind(
            TrainedLayer l, int i, int count, String where, List<String> problems) {
        switch (l.getKind()) {
            case DENSE_LIF -> {}
            case RECURRENT_LIF -> {}
            case CONV_LIF -> {}
            case READOUT -> {
                // A readout never spikes, so a layer after it would receive nothing.
                if (i != count - 1) problems.add(where + "a READOUT layer must be the last layer");
            }
            default ->
                    problems.add(
                            where
                                    + "layer kind "
                                    + l.getKind()
                                    + " is not supported (DENSE_LIF, RECURRENT_LIF, CONV_LIF and"
                                    + " READOUT are)");
        }
    }

    /**
     * The compiled form scores by the readout's final potential, or by spike counts when the last
     * layer spikes.
     */
    private static void checkScore(TrainedNetwork net, List<String> problems) {
        ScoreMode m = net.getScore();
        boolean readout =
                net.getLayersCount() > 0
                        && net.getLayers(net.getLayersCount() - 1).getKind() == LayerKind.READOUT;
        if (m == ScoreMode.SCORE_MAX_POTENTIAL || m == ScoreMode.SCORE_MEAN_POTENTIAL) {
            problems.add(
                    "score "
                            + m
                            + " is not supported yet: the compiled network is scored by the"
                            + " readout's final potential (retrain with score 'final', or the"
                            + " simulator and device need the score mode)");
        } else if (m == ScoreMode.SCORE_SPIKE_COUNT && readout) {
            problems.add(
                    "score SCORE_SPIKE_COUNT needs a spiking last layer, but the last layer is a"
                            + " READOUT");
        }
    }

    private static int fanIn(TrainedLayer l) {
        return l.getWeights().getShapeCount() == 2 ? l.getWeights().getShape(1) : 0;
    }

    /**
     * The layer with its weights over what it reads from sources {@code from} (maps {@code maps}).
     * One pooled map, or several equal ones, are read folded: every pre-pool neuron of a window
     * carries its pooled value's weight. A pooled map summed with unpooled ones (or with a
     * differently pooled one) cannot be: the sum's columns are the pooled values, so the layer
     * keeps its trained weights over them and the pooled sources are summed by windows (see {@link
     * Sources}); on the chip they need pooling layers.
     */
    private static FloatLayer toDense(TrainedLayer l, int index, int[] from, SourceMap[] maps) {
        boolean folded = true;
        for (SourceMap m : maps) folded &= m.equals(maps[0]);
        SourceMap[] windows = null;
        if (!folded) {
            windows = new SourceMap[maps.length];
            for (int k = 0; k < maps.length; k++) windows[k] = maps[k].pool() > 1 ? maps[k] : null;
        }
        Sources sources = new Sources(from, windows);
        SourceMap src = folded ? maps[0] : SourceMap.flat(maps[0].pooledSize());
        float[] w = new float[l.getWeights().getValuesCount()];
        for (int k = 0; k < w.length; k++) w[k] = l.getWeights().getValues(k);
        float[] b = new float[l.getSize()];
        // Violations and the report name layers, so an unnamed one gets its position as name.
        String name = l.getName().isEmpty() ? "layer" + index : l.getName();
        boolean readout = l.getKind() == LayerKind.READOUT;
        if (l.getKind() == LayerKind.CONV_LIF) {
            ConvGeometry g = l.getConv();
            // The input's map is the conv's own when the input shape was flat (or the sources are
            // read unpooled).
            boolean sameMap =
                    src.channels() == g.getInChannels()
                            && src.height() == g.getInHeight()
                            && src.width() == g.getInWidth();
            SourceMap in =
                    src.pool() == 1 && !sameMap
                            ? new SourceMap(g.getInChannels(), g.getInHeight(), g.getInWidth(), 1)
                            : src;
            WeightTying t = TyingBuilder.conv(w, g, in);
            int positions = g.getOutHeight() * g.getOutWidth();
            for (int n = 0; n < l.getSize(); n++)
                b[n] = l.getBias().getValuesCount() == 0 ? 0 : l.getBias().getValues(n / positions);
            return new FloatLayer(
                    index,
                    name,
                    sources,
                    l.getSize(),
                    in.neurons(),
                    t.expand(w),
                    b,
                    l.getNeuron(),
                    false,
                    null,
                    t);
        }
        for (int k = 0; k < l.getBias().getValuesCount(); k++) b[k] = l.getBias().getValues(k);
        float[] rec = null;
        if (l.getKind() == LayerKind.RECURRENT_LIF) {
            rec = new float[l.getRecurrentWeights().getValuesCount()];
            for (int k = 0; k < rec.length; k++) rec[k] = l.getRecurrentWeights().getValues(k);
        }
        if (src.pool() > 1) {
            WeightTying t = TyingBuilder.pooledDense(w, l.getSize(), src);
            return new FloatLayer(
                    index,
                    name,
                    sources,
                    l.getSize(),
                    src.neurons(),
                    t.expand(w),
                    b,
                    l.getNeuron(),
                    readout,
                    rec,
                    t);
        }
        return new FloatLayer(
                index,
                name,
                sources,
                l.getSize(),
                fanIn(l),
                w,
                b,
                l.getNeuron(),
                readout,
                rec,
                null);
    }
}
