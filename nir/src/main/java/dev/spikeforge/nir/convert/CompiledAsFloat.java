package dev.spikeforge.nir.convert;

import dev.spikeforge.nir.graph.NirFormatException;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.proto.SparseWeights;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled network's fixed-point parameters as the float network they compute when nothing is
 * rounded, in units of one weight (integer state / 64), so that {@link NirExporter} writes the chip
 * form to NIR: weights w·2^weight_exp, biases (bias_mant &lt;&lt; bias_exp) / 64, thresholds
 * vth_mant, keep factors 1 − (du+1)/4096 and 1 − dv/4096 (bit shifts: 1 − 2^−shift;
 * integrate-and-fire: du = 1, dv = 0). Each of these is a dyadic rational, exact in float32. What
 * NIR's continuous-time neurons cannot express is the chip's rounding: decays truncated toward zero
 * (or floored, for bit shifts), u wrapped and v clipped at 24 bits, and, with a negative weight
 * exponent, the summed input truncated once per step. Those are listed in the notes; docs/nir.md
 * gives the table and the bound. A layer reading several sources (a residual sum, {@code sources})
 * keeps them, so the export writes one edge per source into its synapse with the one-step Delay
 * nodes that time such sums exactly ({@link NirExporter}).
 */
public final class CompiledAsFloat {
    private CompiledAsFloat() {}

    public record Result(TrainedNetwork network, List<String> notes) {}

    public static Result of(CompiledNetwork chip) {
        if (chip.getLayersCount() == 0)
            throw new NirFormatException("compiled network '" + chip.getName() + "' has no layers");
        List<String> problems = new ArrayList<>(), notes = new ArrayList<>();
        TrainedNetwork.Builder net =
                TrainedNetwork.newBuilder().setName(chip.getName()).setInput(chip.getInput());
        boolean shift = false, truncatingExponent = false;
        for (int i = 0; i < chip.getLayersCount(); i++) {
            CompiledLayer l = chip.getLayers(i);
            String where = "layer " + i + " '" + l.getName() + "'";
            boolean summed = l.getSourcesCount() > 1;
            if (summed && l.getSources(0) != l.getSource()) {
                problems.add(
                        where
                                + " sources "
                                + l.getSourcesList()
                                + " do not start with source "
                                + l.getSource()
                                + " (compiled.proto: `source` first); recompile the network");
            } else if (summed && !l.getSourcesList().contains(i - 1)) {
                problems.add(
                        where
                                + " sources "
                                + l.getSourcesList()
                                + " leave out "
                                + (i == 0 ? "the input (-1)" : "layer " + (i - 1))
                                + ": the NIR export writes a chain in which a layer may also add"
                                + " earlier outputs (one edge per source), so the layer before must"
                                + " be among them; reorder the layers");
            } else if (!summed && l.getSource() != i - 1) {
                problems.add(
                        where
                                + " source "
                                + l.getSource()
                                + ": the NIR export writes a chain, each layer reading the one"
                                + " before (or adding it to earlier outputs); reorder the layers so"
                                + " that layer "
                                + i
                                + " reads layer "
                                + (i - 1));
            }
            if (l.getNeuron().getGraded()) {
                problems.add(
                        where
                                + " neuron.graded: its spikes carry a payload (a sum-pooling or sum"
                                + " layer), NIR spikes are binary; compile with --pooling fold, or"
                                + " --sums direct for a sum layer");
            }
            if (l.getNeuron().getReset() == dev.spikeforge.proto.ResetMode.RESET_BY_SUBTRACTION) {
                problems.add(
                        where
                                + " neuron.reset RESET_BY_SUBTRACTION: NIR 1.0.6 neurons reset to"
                                + " v_reset; export the trained network instead (export-nir"
                                + " MODEL.sft: a network imported from NIR gives its graph back) or"
                                + " compile one trained with reset to zero");
            }
            if (l.getAxonDelay() > 0)
                problems.add(
                        where
                                + " axon_delay "
                                + l.getAxonDelay()
                                + ": the NIR export writes one-step connections only");
            if (l.getNeuron().getRefractorySteps() > 0)
                problems.add(
                        where
                                + " neuron.refractory_steps "
                                + l.getNeuron().getRefractorySteps()
                                + ": NIR neurons have no refractory period");
            float threshold = threshold(l, where, problems);
            shift |= l.getNeuron().getModel() == dev.spikeforge.proto.NeuronModel.SHIFT_LIF;
            truncatingExponent |= l.getWeightExp() < 0;
            boolean recurrent = l.getRecurrentWeightsCount() > 0 || l.hasSparseRecurrentWeights();
            TrainedLayer.Builder t =
                    TrainedLayer.newBuilder()
                            .setName(l.getName())
                            .setSize(l.getSize())
                            .setKind(
                                    l.getNeuron().getReadout()
                                            ? LayerKind.READOUT
                                            : recurrent
                                                    ? LayerKind.RECURRENT_LIF
                                                    : LayerKind.DENSE_LIF)
                            .setWeights(
                                    matrix(
                                            l.getWeightsList(),
                                            l.hasSparseWeights() ? l.getSparseWeights() : null,
                                            l.getSize(),
                                            l.getFanIn(),
                                            l.getWeightExp()))
                            .setNeuron(
                                    decays(l.getNeuron())
                                            .setThreshold(threshold)
                                            .setReset(l.getNeuron().getReset()));
            // a residual sum: the outputs of every source added before the one weight matrix,
            // `source` first (NIR: one edge per source)
            if (summed) t.addAllSources(l.getSourcesList());
            if (recurrent) {
                t.setRecurrentWeights(
                        matrix(
                                l.getRecurrentWeightsList(),
                                l.hasSparseRecurrentWeights()
                                        ? l.getSparseRecurrentWeights()
                                        : null,
                                l.getSize(),
                                l.getSize(),
                                l.getWeightExp()));
            }
            if (l.getBiasMantCount() > 0) {
                Tensor.Builder b = Tensor.newBuilder().addShape(l.getSize());
                for (int n = 0; n < l.getSize(); n++)
                    b.addValues((float) (((long) l.getBiasMant(n) << l.getBiasExp()) / 64.0));
                t.setBias(b);
            }
            net.addLayers(t);
        }
        if (!problems.isEmpty()) {
            throw new NirFormatException(
                    "compiled network '"
                            + chip.getName()
                            + "' cannot be written to NIR: "
                            + String.join("; ", problems));
        }
        net.setScore(
                chip.getLayers(chip.getLayersCount() - 1).getNeuron().getReadout()
                        ? ScoreMode.SCORE_FINAL_POTENTIAL
                        : ScoreMode.SCORE_SPIKE_COUNT);
        notes.add(
                "the compiled form in units of one weight (NIR v = chip v / 64 times the neuron"
                    + " node's scale, docs/nir.md): exact but for the chip's rounding, which NIR's"
                    + " ODEs do not have: decays truncated toward zero each step, u wrapped and v"
                    + " clipped at 24 bits"
                        + (shift ? ", bit-shift leaks floored (x − (x >> s))" : "")
                        + (truncatingExponent
                                ? ", and with a negative weight exponent each step's summed input"
                                        + " truncated"
                                : ""));
        return new Result(net.build(), notes);
    }

    /**
     * The one threshold (a layer's vth_mants must all be equal: the export writes one per node, as
     * the import reads).
     */
    private static float threshold(CompiledLayer l, String where, List<String> problems) {
        if (l.getNeuron().getReadout()) return 1f;
        if (l.getVthMantsCount() == 0) return l.getNeuron().getVthMant();
        int first = l.getVthMants(0);
        for (int n = 1; n < l.getVthMantsCount(); n++) {
            if (l.getVthMants(n) != first) {
                problems.add(
                        where
                                + " vth_mants: neuron 0 has "
                                + first
                                + ", neuron "
                                + n
                                + " has "
                                + l.getVthMants(n)
                                + "; the NIR export writes one threshold per layer (compile --scale"
                                + " per-layer)");
                break;
            }
        }
        return first;
    }

    /** The fractions of u and v lost per step. */
    private static FloatLifParams.Builder decays(FixedLifParams p) {
        return switch (p.getModel()) {
            case SHIFT_LIF ->
                    FloatLifParams.newBuilder()
                            .setDu((float) Math.scalb(1.0, -p.getSynShift()))
                            .setDv((float) Math.scalb(1.0, -p.getMemShift()));
            case INTEGRATE_AND_FIRE -> FloatLifParams.newBuilder().setDu(1f).setDv(0f);
            default ->
                    FloatLifParams.newBuilder()
                            .setDu((p.getDu() + 1) / 4096f)
                            .setDv(p.getDv() / 4096f);
        };
    }

    /** [rows, cols] float weights w·2^exp from the dense or CSR form. */
    private static Tensor matrix(
            List<Integer> dense, SparseWeights sparse, int rows, int cols, int exp) {
        float[] out = new float[rows * cols];
        if (sparse != null) {
            for (int s = 0; s < cols; s++) {
                for (int k = sparse.getSourceStart(s); k < sparse.getSourceStart(s + 1); k++)
                    out[sparse.getTarget(k) * cols + s] = sparse.getWeight(k);
            }
        } else {
            for (int i = 0; i < out.length; i++) out[i] = dense.get(i);
        }
        Tensor.Builder t = Tensor.newBuilder().addShape(rows).addShape(cols);
        for (float w : out) t.addValues(Math.scalb(w, exp));
        return t.build();
    }
}
