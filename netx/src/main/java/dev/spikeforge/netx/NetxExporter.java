package dev.spikeforge.netx;

import dev.spikeforge.netx.format.IntTensor;
import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.netx.format.NetxNetwork;
import dev.spikeforge.netx.format.NetxNeuron;
import dev.spikeforge.netx.lava.LavaDenseWeights;
import dev.spikeforge.netx.mapping.BiasFields;
import dev.spikeforge.netx.mapping.EffectiveWeights;
import dev.spikeforge.netx.mapping.LayerWeights;
import dev.spikeforge.netx.mapping.NeuronFields;
import dev.spikeforge.netx.mapping.Problems;
import dev.spikeforge.netx.mapping.SpikeforgeRecord;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.SynapseKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled network as a netx description whose processes, as Lava's {@code hdf5.Network} builds
 * them, carry the compiled network's numbers exactly: an {@code input} layer with the input's
 * shape, then one {@code dense} (or {@code dense_rec}) layer per compiled layer with CUBA neurons
 * (iDecay = du + 1, vDecay = dv, vThMant = vth_mant), effective weights w·2^weight_exp, biases
 * (bias_mant &lt;&lt; bias_exp) / 64, and per-neuron delays for an axon delay. Every layer is
 * checked against what Lava does with the file (see {@code LavaDenseWeights}); anything it would
 * run differently is refused, every such problem listed at once, each naming the layer, field and
 * constraint. docs/netx.md has the table.
 */
public final class NetxExporter {
    /** Lava's netx clamps delays above this (and its DelayDense holds 6-bit delays). */
    public static final int MAX_DELAY = 62;

    private NetxExporter() {}

    public record Result(NetxNetwork network, List<String> notes) {}

    public static Result export(CompiledNetwork net) {
        Problems problems = new Problems();
        List<String> notes = new ArrayList<>();
        List<NetxLayer> layers = new ArrayList<>();
        if (net.getLayersCount() == 0) problems.add("the network has no layers");
        if (net.getInputPayload().getMode() != InputMode.INPUT_SPIKES) {
            // netx's input layer passes binary spikes; graded or host-computed input is refused
            // rather than rounded to spikes.
            problems.add(
                    "input_payload.mode "
                            + net.getInputPayload().getMode()
                            + ": the exporter writes binary input spikes only; "
                            + "compile with --input-mode spikes for a netx export");
        }
        layers.add(new NetxLayer.Input(inputShape(net), null));
        for (int i = 0; i < net.getLayersCount(); i++) {
            NetxLayer.Dense d = layer(net.getLayers(i), i, problems, notes);
            if (d != null) layers.add(d);
        }
        problems.throwIfAny("network '" + net.getName() + "' cannot be written as netx");
        return new Result(
                new NetxNetwork(layers, net.getInput().getSteps(), SpikeforgeRecord.of(net)),
                notes);
    }

    /**
     * The sample shape when it describes the input axons ([C, H, W] for an image), else
     * [input_size].
     */
    static int[] inputShape(CompiledNetwork net) {
        int[] shape = net.getInput().getShapeList().stream().mapToInt(Integer::intValue).toArray();
        long n = 1;
        for (int d : shape) n *= d;
        return shape.length > 0 && n == net.getInputSize() ? shape : new int[] {net.getInputSize()};
    }

    private static NetxLayer.Dense layer(
            CompiledLayer l, int i, Problems problems, List<String> notes) {
        String where = "layer " + i + " '" + l.getName() + "'";
        int before = problems.count();
        if (l.getOnHost())
            problems.add(where, "on_host", "a layer the host computes has no netx layer type");
        if (l.getNeuron().getGraded())
            problems.add(
                    where, "neuron.graded", "graded (pooling) neurons are not exported to netx");
        if (l.getSourcesCount() > 0) {
            problems.add(
                    where,
                    "sources " + l.getSourcesList(),
                    "netx connects each layer to the one before it; Lava cannot load "
                            + "concat, the layer type for several sources");
        } else if (l.getSource() != i - 1) {
            problems.add(
                    where,
                    "source " + l.getSource(),
                    "netx connects each layer to the one before it ("
                            + (i - 1)
                            + "); Lava cannot load "
                            + "concat, the layer type for other connections");
        }
        NetxNeuron neuron = NeuronFields.toNetx(l, where, problems);
        boolean recurrent = l.getRecurrentWeightsCount() > 0 || l.hasSparseRecurrentWeights();
        if ((long) l.getSize() * l.getFanIn() > LayerWeights.MAX_ENTRIES) {
            problems.add(
                    where,
                    "weights",
                    l.getSize() + " x " + l.getFanIn() + " is too large for one dense netx matrix");
            return null;
        }
        int[] ff =
                EffectiveWeights.toEffective(
                        LayerWeights.feedForward(l),
                        l.getWeightExp(),
                        where,
                        "weights",
                        l.getFanIn(),
                        problems);
        int[] rec =
                recurrent
                        ? EffectiveWeights.toEffective(
                                LayerWeights.recurrent(l),
                                l.getWeightExp(),
                                where,
                                "recurrent_weights",
                                l.getSize(),
                                problems)
                        : null;
        if (ff != null && (!recurrent || rec != null)) checkLava(ff, rec, l, where, problems);
        IntTensor bias = BiasFields.toNetx(l, where, problems);
        IntTensor delay = null;
        if (l.getAxonDelay() > 0) {
            if (recurrent) {
                problems.add(
                        where,
                        "axon_delay " + l.getAxonDelay(),
                        "netx gives a dense_rec layer one delay matrix for both its synapses (and"
                            + " its delayed recurrent block drops the weight exponent); Spikeforge"
                            + " delays only the feed-forward input");
            } else if (l.getAxonDelay() > MAX_DELAY) {
                problems.add(
                        where,
                        "axon_delay " + l.getAxonDelay(),
                        "netx clamps delays to " + MAX_DELAY);
            } else {
                int[] d = new int[l.getSize()];
                Arrays.fill(d, l.getAxonDelay());
                delay =
                        IntTensor.vector(
                                d); // one per output neuron: Lava repeats it over the neuron's
                // inputs
            }
        }
        if (problems.count() != before) return null;
        if (l.getSynapseKind() == SynapseKind.SYNAPSES_CONV
                || (l.hasSparseWeights() && l.getWeightParameters() > 0)) {
            notes.add(
                    where
                            + " was compiled from a conv layer; it is written as a dense "
                            + l.getSize()
                            + " x "
                            + l.getFanIn()
                            + " matrix (a compiled network holds explicit synapses, not the"
                            + " kernel)");
        }
        return new NetxLayer.Dense(
                new int[] {l.getSize()},
                neuron,
                IntTensor.matrix(l.getSize(), l.getFanIn(), ff),
                rec == null ? null : IntTensor.matrix(l.getSize(), l.getSize(), rec),
                bias,
                delay);
    }

    /**
     * Refuses weights that netx's optimize_weight_bits and Lava's dense synapse would not deliver
     * unchanged.
     */
    private static void checkLava(
            int[] ff, int[] rec, CompiledLayer l, String where, Problems problems) {
        LavaDenseWeights.Held held =
                rec == null ? LavaDenseWeights.of(ff) : LavaDenseWeights.of(ff, rec);
        if (held.failure() != null) {
            problems.add(where, "weights", held.failure());
            return;
        }
        int[] at = held.firstDifference();
        if (at == null) return;
        int cols = at[0] == 0 ? l.getFanIn() : l.getSize();
        int effective = held.parts()[at[0]][at[1]];
        problems.add(
                where,
                (at[0] == 0 ? "weights" : "recurrent_weights")
                        + "["
                        + at[1] / cols
                        + "]["
                        + at[1] % cols
                        + "]",
                "effective weight "
                        + effective
                        + " (mantissa × 2^"
                        + l.getWeightExp()
                        + ") is held by Lava as "
                        + held.held()[at[0]][at[1]]
                        + " / 2^"
                        + held.shift()
                        + ": netx clips mixed-sign weights to [-256, 254] and Lava's dense synapse"
                        + " to [-256, 255], [0, 255] or [-255, 0] and drops low bits; compile with"
                        + " fewer weight bits or a lower weight exponent");
    }
}
