package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.Affine;
import dev.spikeforge.nir.graph.Flatten;
import dev.spikeforge.nir.graph.Input;
import dev.spikeforge.nir.graph.Linear;
import dev.spikeforge.nir.graph.NdArray;
import dev.spikeforge.nir.graph.NirDocument;
import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.nir.graph.NirNode;
import dev.spikeforge.nir.graph.Output;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.Provenance;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.TrainedNetwork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph to a Spikeforge trained network, in two passes over the graph with its nested graphs
 * opened up ({@link FlatGraph}): {@link LayerMatcher} groups the nodes into layer records (delays,
 * synapse, neuron, recurrent loop, pooling) and infers their shapes as NIR does; {@link
 * LayerConverter} then converts each record's parameters. The graph must be a chain Input → [conv
 * layers →] [Flatten] → (Affine | Linear) → neuron → … → Output, a conv layer being Conv2d → neuron
 * [→ SumPool2d | AvgPool2d] ({@link ConvMapping}); each neuron may also feed itself through one
 * Affine or Linear (a RECURRENT_LIF layer), and a non-spiking neuron (LI, CubaLI, I) may only be
 * last (READOUT); a layer's first node may also receive edges from earlier layers' outputs, which
 * NIR adds (a residual sum: TrainedLayer.sources). See {@link NeuronMapping} for the parameters and
 * docs/nir.md for timing (each layer delays one step; a one-step Delay node on its input is that
 * delay). Whatever cannot be represented is an error naming the node, its type and what is missing.
 */
public final class NirImporter {
    /** Provenance keys of what an import records (see {@link ImportRecord}). */
    public static final String KEY_RECORD = "nir.import";

    public static final String KEY_DT = "nir.dt";

    private NirImporter() {}

    /**
     * @param dt simulation step in the graph's time unit (seconds for every framework that exports
     *     NIR)
     * @param name network name
     * @param steps steps per sample recorded in the input spec (the compiler sizes readout headroom
     *     with it)
     */
    public record Options(double dt, String name, int steps) {
        public Options {
            if (!(dt > 0) || Double.isInfinite(dt))
                throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    /**
     * @param network the trained-network artifact
     * @param layerNodes per layer, the NIR nodes it came from (synapse, neuron, recurrent synapse;
     *     delays)
     * @param delayedLayers layers whose feed-forward path in the graph had a one-step Delay node
     *     (exact timing)
     * @param notes what a user should know about the conversion (timing shift, reset semantics,
     *     bias currents)
     * @param fidelity the conformance table: one row per node of the opened-up graph, in file order
     * @param reset how the file's NIR version reads an absent v_reset, when a spiking neuron has
     *     none; else null
     */
    public record Result(
            TrainedNetwork network,
            List<List<String>> layerNodes,
            int delayedLayers,
            List<String> notes,
            List<Fidelity> fidelity,
            String reset) {
        /**
         * Steps by which Spikeforge's output lags the graph's zero-delay edges: one per layer
         * without a Delay node.
         */
        public int shiftSteps() {
            return network.getLayersCount() - delayedLayers;
        }
    }

    /**
     * An import that failed, with the conformance table as far as the import got (the message is
     * the first refusal's).
     */
    public static final class Refused extends NirFormatException {
        private final transient List<Fidelity> fidelity;

        Refused(NirFormatException first, List<Fidelity> fidelity) {
            super(first.getMessage(), first);
            this.fidelity = List.copyOf(fidelity);
        }

        public List<Fidelity> fidelity() {
            return fidelity;
        }
    }

    public static Result convert(NirDocument doc, Options o) {
        FlatGraph flat = FlatGraph.of(doc.graph());
        MatchedGraph matched;
        try {
            matched = LayerMatcher.match(flat);
        } catch (NirFormatException e) {
            throw new Refused(e, table(flat, Map.of(), e));
        }
        ResetRule resetRule = ResetRule.of(doc.version());
        TrainedNetwork.Builder net = TrainedNetwork.newBuilder().setName(o.name());
        InputSpec.Builder spec =
                InputSpec.newBuilder().setEncoding(Encoding.RATE).setSteps(o.steps()).setGain(1f);
        long[] inputShape = matched.inputShape();
        if (matched.convInput() != null) {
            // a flat Input read as the conv's map: record the map so the trainer and compiler see
            // it
            inputShape =
                    new long[] {
                        matched.convInput().channels(),
                        matched.convInput().height(),
                        matched.convInput().width()
                    };
        }
        for (long d : inputShape) spec.addShape((int) d);
        net.setInput(spec);
        List<List<String>> layerNodes = new ArrayList<>();
        Map<String, Fidelity> rows = new LinkedHashMap<>();
        NirFormatException refused = null;
        int delayed = 0;
        // per layer, the steps by which its output lags the graph's (one per layer without a Delay
        // node on its path)
        int[] lag = new int[matched.layers().size()];
        for (LayerMatch m : matched.layers()) {
            int i = m.index();
            lag[i] = (i == 0 ? 0 : lag[i - 1]) + 1;
            try {
                float weightScale = inputScale(matched, i - 1);
                if (m.sum() != null) checkSum(matched, m, lag, weightScale);
                // every layer is converted, also after a refusal, so that the table covers the
                // whole graph
                LayerConverter.Converted c =
                        LayerConverter.convert(m, weightScale, o.dt(), resetRule);
                net.addLayers(c.layer());
                layerNodes.add(List.copyOf(m.nodes()));
                for (Fidelity f : c.fidelity()) rows.put(f.node(), f);
                if (c.delayed()) {
                    delayed++;
                    lag[i]--;
                }
            } catch (NirFormatException e) {
                if (refused == null) refused = e;
                for (String n : m.nodes())
                    rows.put(n, refusal(flat, n, e, "its layer is refused at '" + e.node() + "'"));
            }
        }
        if (refused != null) throw new Refused(refused, table(flat, rows, refused));
        boolean readout = net.getLayers(net.getLayersCount() - 1).getKind() == LayerKind.READOUT;
        net.setScore(readout ? ScoreMode.SCORE_FINAL_POTENTIAL : ScoreMode.SCORE_SPIKE_COUNT);
        List<String> notes = new ArrayList<>();
        int layers = net.getLayersCount();
        if (delayed < layers) {
            notes.add(
                    (layers - delayed)
                            + " of "
                            + layers
                            + " layers have no Delay node on their input: NIR edges do not delay,"
                            + " Spikeforge connections delay by one step, so the output lags the"
                            + " graph by "
                            + (layers - delayed)
                            + " step(s) = "
                            + (layers - delayed) * o.dt()
                            + " time units");
        }
        String reset =
                matched.layers().stream().anyMatch(LayerMatch::spikesWithoutVReset)
                        ? resetRule.describe()
                        : null;
        if (reset != null) notes.add("reset: " + reset);
        for (Fidelity f : rows.values()) {
            if (f.status() == Fidelity.Status.APPROXIMATE)
                notes.add("approximate: node '" + f.node() + "' (" + f.type() + "): " + f.detail());
        }
        net.setProvenance(
                Provenance.newBuilder()
                        .setToolVersion("spikeforge nir import")
                        .setCreatedAt(Instant.now().toString())
                        .putHyperparameters(KEY_DT, Double.toString(o.dt()))
                        .putHyperparameters("nir.version", doc.version())
                        .putHyperparameters(KEY_RECORD, ImportRecord.of(doc, o.dt(), net.build())));
        return new Result(net.build(), layerNodes, delayed, notes, table(flat, rows, null), reset);
    }

    /**
     * The factor on the weights of a layer reading {@code source}: an average pool's 1/p² (exact),
     * else 1.
     */
    private static float inputScale(MatchedGraph matched, int source) {
        if (source < 0) return 1f;
        LayerMatch s = matched.layers().get(source);
        return s.pool() != null
                ? ConvMapping.weightScale(s.pool().node(), s.geometry().getPool())
                : 1f;
    }

    /**
     * A residual sum converts exactly when its sources arrive as the graph adds them. NIR adds the
     * edges on the same step; in Spikeforge each reaches the sum one step after its layer's output,
     * so their layers must lag the graph by the same number of steps (a layer without a Delay node
     * on its path adds one). The sources also share the one weight scale an average pool folds into
     * the weights.
     */
    private static void checkSum(MatchedGraph matched, LayerMatch m, int[] lag, float weightScale) {
        GraphNode at = m.sum().at();
        int main = m.index() - 1;
        int mainLag = main < 0 ? 0 : lag[main];
        for (int s : m.sum().sources()) {
            String name = s < 0 ? matched.input().path() : matched.layers().get(s).neuron().path();
            int sLag = s < 0 ? 0 : lag[s];
            if (sLag != mainLag) {
                throw NirFormatException.at(
                        at.path(),
                        at.type(),
                        "adds the output of '"
                                + name
                                + "' to that of '"
                                + matched.layers().get(main).neuron().path()
                                + "' on the same step, but in Spikeforge, where every connection"
                                + " delays one step and NIR edges none, '"
                                + name
                                + "' would arrive "
                                + Math.abs(mainLag - sLag)
                                + " step(s) "
                                + (sLag < mainLag ? "early" : "late")
                                + ": give every layer between them a one-step Delay node after its"
                                + " synapse (export-nir writes residual networks so), or the file's"
                                + " timing cannot be kept");
            }
            if (inputScale(matched, s) != weightScale) {
                throw NirFormatException.at(
                        at.path(),
                        at.type(),
                        "adds '"
                                + name
                                + "', whose AvgPool2d scale differs from the other sources'; a"
                                + " residual sum's sources share one set of weights, so use"
                                + " SumPool2d and fold the scales yourself");
            }
        }
    }

    /**
     * Every node of the opened-up graph with its row; Input, Output and Flatten carry shapes only.
     */
    private static List<Fidelity> table(
            FlatGraph flat, Map<String, Fidelity> rows, NirFormatException refused) {
        List<Fidelity> table = new ArrayList<>();
        for (Map.Entry<String, NirNode> e : flat.nodes.entrySet()) {
            String path = e.getKey();
            NirNode n = e.getValue();
            Fidelity row = rows.get(path);
            if (row == null && refused != null && path.equals(refused.node()))
                row = refusal(flat, path, refused, null);
            if (row == null
                    && (n instanceof Input || n instanceof Output || n instanceof Flatten)) {
                row = new Fidelity(path, n.type(), Fidelity.Status.EXACT, "shape only");
            }
            if (row == null)
                row =
                        new Fidelity(
                                path,
                                n.type(),
                                Fidelity.Status.NOT_CONVERTED,
                                "the import stopped at '" + refused.node() + "'");
            table.add(row);
        }
        return table;
    }

    /** The row of a refused node (the refusal's own node), or of a node whose layer was refused. */
    private static Fidelity refusal(
            FlatGraph flat, String path, NirFormatException e, String otherwise) {
        String type = flat.nodes.get(path).type();
        if (path.equals(e.node()) || otherwise == null)
            return new Fidelity(path, type, Fidelity.Status.REFUSED, e.getMessage());
        return new Fidelity(path, type, Fidelity.Status.NOT_CONVERTED, otherwise);
    }

    static NdArray weight(NirNode n) {
        return n instanceof Affine a ? a.weight() : ((Linear) n).weight();
    }

    static void checkMatrix(String path, NirNode n, NdArray w, int rows, long cols) {
        if (w.rank() != 2) {
            throw NirFormatException.at(
                    path,
                    n.type(),
                    "weight has shape "
                            + java.util.Arrays.toString(w.shape())
                            + "; Spikeforge layers need a matrix [out, in]");
        }
        if (w.dim(1) != cols) {
            throw NirFormatException.at(
                    path,
                    n.type(),
                    "weight has " + w.dim(1) + " inputs but receives " + cols + " values");
        }
        if (rows >= 0 && w.dim(0) != rows) {
            throw NirFormatException.at(
                    path,
                    n.type(),
                    "recurrent weight has "
                            + w.dim(0)
                            + " rows for a layer of "
                            + rows
                            + " neurons");
        }
        if (n instanceof Affine a && a.bias().size() != w.dim(0)) {
            throw NirFormatException.at(
                    path,
                    n.type(),
                    "bias has " + a.bias().size() + " values for " + w.dim(0) + " outputs");
        }
    }

    static long product(long[] shape) {
        long p = 1;
        for (long d : shape) p *= d;
        return p;
    }
}
