package dev.spikeforge.netx;

import dev.spikeforge.netx.format.IntTensor;
import dev.spikeforge.netx.format.NetxLayer;
import dev.spikeforge.netx.format.NetxNetwork;
import dev.spikeforge.netx.format.NetxNeuron;
import dev.spikeforge.netx.lava.LavaConv;
import dev.spikeforge.netx.lava.LavaDenseWeights;
import dev.spikeforge.netx.mapping.BiasFields;
import dev.spikeforge.netx.mapping.ChipMapper;
import dev.spikeforge.netx.mapping.EffectiveWeights;
import dev.spikeforge.netx.mapping.LayerWeights;
import dev.spikeforge.netx.mapping.NeuronFields;
import dev.spikeforge.netx.mapping.Problems;
import dev.spikeforge.netx.mapping.SpikeforgeRecord;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.codec.NeuronCodec;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.SparseWeights;
import dev.spikeforge.proto.SynapseKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A netx description as a compiled network that runs, on Spikeforge's bit-exact simulator, what
 * Lava's {@code hdf5.Network} builds from the same file: each {@code dense}/{@code
 * dense_rec}/{@code conv} layer becomes a CUBA layer with the weights Lava's synapses hold (after
 * netx's optimize_weight_bits and Lava's clipping and truncation; a note counts any weight they
 * change), split into mantissas and one exponent; {@code flatten} only checks sizes; a conv becomes
 * explicit synapses. What Lava cannot build, or builds as something Spikeforge does not run
 * exactly, is refused with every problem listed. The cores come from the compiler's mapper on the
 * chosen profile.
 *
 * <p>When the file carries Spikeforge's record (written by {@link NetxExporter}) and its layers
 * match, the record supplies names, the input encoding, the profile, cores and routes, and each
 * layer's mantissa/exponent split, neuron model (INTEGRATE_AND_FIRE for a CUBA layer with no
 * current memory and no leak) and per-neuron thresholds (when they equal the file's one): choices
 * that run identically, so compiled → netx → compiled gives back the same network.
 */
public final class NetxImporter {
    private NetxImporter() {}

    /**
     * @param name network name when the file has no record (null: "netx")
     * @param profile profile to map onto; null: the record's, else {@code defaultProfile}
     * @param defaultProfile used when neither is given
     * @param steps steps per sample for the input spec; 0: the record's, else simulation/tSample,
     *     else 100
     * @param skipInputNeurons an input layer with neurons (fed graded values by the host in Lava)
     *     is dropped and its spikes become the network's input axons
     * @param seed seed of the placement optimizer
     */
    public record Options(
            String name,
            ChipProfile profile,
            ChipProfile defaultProfile,
            int steps,
            boolean skipInputNeurons,
            long seed) {}

    public record Result(CompiledNetwork network, List<String> notes, boolean fromRecord) {}

    public static Result convert(NetxNetwork file, String source, Options o) {
        List<String> notes = new ArrayList<>();
        CompiledNetwork record =
                file.spikeforgeRecord() == null
                        ? null
                        : SpikeforgeRecord.parse(file.spikeforgeRecord(), notes);
        ChipProfile profile =
                o.profile() != null
                        ? o.profile()
                        : record != null && record.hasProfile()
                                ? record.getProfile()
                                : o.defaultProfile();
        Problems problems = new Problems();
        Walk walk = new Walk(problems, notes, record, profile, o.skipInputNeurons());
        walk.run(file.layers());
        problems.throwIfAny(source + " cannot be imported");

        int maxDelay = walk.layers.stream().mapToInt(CompiledLayer::getAxonDelay).max().orElse(0);
        if (maxDelay > profile.getMaxAxonDelay()) {
            notes.add(
                    "delays up to "
                            + maxDelay
                            + " steps: profile '"
                            + profile.getName()
                            + "' declares "
                            + profile.getMaxAxonDelay()
                            + "; the imported network's copy of it allows "
                            + maxDelay
                            + " (Lava's DelayDense holds 0.."
                            + NetxExporter.MAX_DELAY
                            + ")");
            profile = profile.toBuilder().setMaxAxonDelay(maxDelay).build();
        }
        boolean recordFits = record != null && sameShape(record, walk.layers, walk.inputSize);
        if (record != null && !recordFits)
            notes.add(
                    "the file's Spikeforge record does not describe these layers; it is not used");
        InputSpec input =
                recordFits
                        ? record.getInput()
                        : InputSpec.newBuilder()
                                .addAllShape(Arrays.stream(walk.inputShape).boxed().toList())
                                .setEncoding(Encoding.RATE)
                                .setGain(1)
                                .setSteps(
                                        o.steps() > 0
                                                ? o.steps()
                                                : file.tSample() > 0 ? file.tSample() : 100)
                                .build();
        if (recordFits && o.steps() > 0) input = input.toBuilder().setSteps(o.steps()).build();
        String name = recordFits ? record.getName() : o.name() != null ? o.name() : "netx";
        CompiledNetwork net =
                CompiledNetwork.newBuilder()
                        .setName(name)
                        .setProfile(profile)
                        .setInput(input)
                        .setInputSize(walk.inputSize)
                        .addAllLayers(walk.layers)
                        .build();
        boolean reuseCores =
                recordFits && record.getCoresCount() > 0 && record.getProfile().equals(profile);
        net =
                reuseCores
                        ? net.toBuilder()
                                .addAllCores(record.getCoresList())
                                .addAllRoutes(record.getRoutesList())
                                .setReport(record.getReport())
                                .build()
                        : ChipMapper.map(net, o.seed(), notes);
        for (CompiledLayer l : net.getLayersList())
            NeuronCodec.fromProto(l); // the simulator's own validation
        // The record's profile, cores and routes come from the file: the whole network passes the
        // artifact validator.
        dev.spikeforge.proto.artifact.validate.ArtifactValidator.requireValid(net);
        return new Result(net, notes, reuseCores);
    }

    private static boolean sameShape(
            CompiledNetwork record, List<CompiledLayer> layers, int inputSize) {
        if (record.getLayersCount() != layers.size() || record.getInputSize() != inputSize)
            return false;
        for (int i = 0; i < layers.size(); i++) {
            CompiledLayer r = record.getLayers(i), l = layers.get(i);
            if (r.getSize() != l.getSize()
                    || r.getFanIn() != l.getFanIn()
                    || r.getSource() != l.getSource()) return false;
        }
        return true;
    }

    /** Walks the file's layers in order, tracking the shape each one produces. */
    private static final class Walk {
        final Problems problems;
        final List<String> notes;
        final CompiledNetwork record;
        final ChipProfile profile;
        final boolean skipInputNeurons;
        final List<CompiledLayer> layers = new ArrayList<>();
        int[] inputShape;
        int inputSize = -1;

        /** Shape the next layer reads: [C, H, W] map or [N]. */
        int[] current;

        boolean flattened;

        Walk(
                Problems problems,
                List<String> notes,
                CompiledNetwork record,
                ChipProfile profile,
                boolean skipInputNeurons) {
            this.problems = problems;
            this.notes = notes;
            this.record = record;
            this.profile = profile;
            this.skipInputNeurons = skipInputNeurons;
        }

        void run(List<NetxLayer> file) {
            int lastSpiking = -1;
            for (int i = 0; i < file.size(); i++)
                if (file.get(i) instanceof NetxLayer.Dense || file.get(i) instanceof NetxLayer.Conv)
                    lastSpiking = i;
            if (lastSpiking < 0) problems.add("the file has no dense or conv layer");
            for (int i = 0; i < file.size(); i++) {
                NetxLayer l = file.get(i);
                String where = "layer " + i + " (" + l.type() + ")";
                if (l instanceof NetxLayer.Input in) input(in, i, where);
                else if (l instanceof NetxLayer.Flatten) flatten(where);
                else if (l instanceof NetxLayer.Dense d) dense(d, i, i == lastSpiking, where);
                else if (l instanceof NetxLayer.Conv c) conv(c, i, i == lastSpiking, where);
                else
                    problems.add(
                            where,
                            "type '" + l.type() + "'",
                            "Lava's netx.hdf5.Network cannot build it (NotImplementedError), "
                                    + "so it is no part of a network Lava runs");
            }
        }

        private void input(NetxLayer.Input in, int i, String where) {
            if (i != 0) {
                problems.add(where, "type", "an input layer must come first");
                return;
            }
            if (in.neuron() != null) {
                if (!skipInputNeurons) {
                    problems.add(
                            where,
                            "neuron",
                            "an input layer with neurons is driven by graded values (and its bias)"
                                + " from the host; Spikeforge's input is spikes. Import with"
                                + " --skip-input-neurons to take those neurons' spikes as the input"
                                + " axons");
                    return;
                }
                notes.add(
                        where
                                + ": its neurons are not imported; their spikes are the network's"
                                + " input axons, numbered (channel, row, column)");
            }
            setInput(in.shape());
        }

        private void setInput(int[] shape) {
            inputShape = shape.clone();
            inputSize = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            current = shape.clone();
        }

        private void flatten(String where) {
            if (current == null) {
                problems.add(where, "type", "nothing before it to flatten");
                return;
            }
            flattened = true;
        }

        private void dense(NetxLayer.Dense d, int i, boolean last, String where) {
            if (current == null) setInput(new int[] {d.inFeatures()});
            int readable = Arrays.stream(current).reduce(1, Math::multiplyExact);
            if (current.length == 3 && layers.size() > 0 && !flattened) {
                problems.add(
                        where,
                        "type",
                        "reads a conv map without a flatten layer before it; Lava connects the [x,"
                                + " y, c] map to a vector port and fails");
            }
            if (d.inFeatures() != readable) {
                problems.add(
                        where,
                        "weight",
                        "has "
                                + d.inFeatures()
                                + " columns; the layer before it gives "
                                + readable
                                + " values");
                return;
            }
            int size = Arrays.stream(d.shape()).reduce(1, Math::multiplyExact);
            if (d.outFeatures() != size) {
                problems.add(
                        where,
                        "weight",
                        "has "
                                + d.outFeatures()
                                + " rows; shape "
                                + Arrays.toString(d.shape())
                                + " has "
                                + size
                                + " neurons");
                return;
            }
            CompiledLayer recorded = recorded(size, readable);
            CompiledLayer.Builder b = start(where, d.neuron(), size, readable, last, recorded);
            if (b == null) return;
            boolean recurrent = d.weightRec() != null;
            LavaDenseWeights.Held held =
                    recurrent
                            ? LavaDenseWeights.of(d.weight().values(), d.weightRec().values())
                            : LavaDenseWeights.of(d.weight().values());
            if (held.failure() != null) {
                problems.add(where, "weight", held.failure());
                return;
            }
            EffectiveWeights.Mantissas m = mantissas(held, recorded, where);
            if (m == null) return;
            if (recurrent && m.exp() < 0) {
                problems.add(
                        where,
                        "weight_rec",
                        "Lava holds weights whose sums it shifts right by "
                                + -m.exp()
                                + " in each of the two synapse processes separately (two"
                                + " truncations); Spikeforge shifts their total once");
                return;
            }
            b.setWeightExp(m.exp()).setWeightBits(m.bits());
            boolean sparse =
                    recorded != null ? recorded.hasSparseWeights() : density(m.parts()[0]) < 0.25;
            if (sparse) b.setSparseWeights(LayerWeights.sparse(m.parts()[0], size, readable));
            else for (int w : m.parts()[0]) b.addWeights(w);
            if (recurrent) {
                boolean sparseRec =
                        recorded != null
                                ? recorded.hasSparseRecurrentWeights()
                                : density(m.parts()[1]) < 0.25;
                if (sparseRec)
                    b.setSparseRecurrentWeights(LayerWeights.sparse(m.parts()[1], size, size));
                else for (int w : m.parts()[1]) b.addRecurrentWeights(w);
            }
            if (d.delay() != null) b.setAxonDelay(delay(d, recurrent, held, where));
            bias(b, d.bias(), size, 1, recorded, where);
            finish(b, new int[] {size});
        }

        private void conv(NetxLayer.Conv c, int i, boolean last, String where) {
            if (current == null || current.length != 3) {
                problems.add(
                        where,
                        "type",
                        "a conv layer reads a [C, H, W] map; the layer before it gives "
                                + (current == null
                                        ? "nothing (the file has no input layer with a shape)"
                                        : Arrays.toString(current)));
                return;
            }
            LavaConv conv =
                    new LavaConv(
                            current, c.weight(), c.stride(), c.padding(), c.dilation(), c.groups());
            String why = conv.problem();
            if (why != null) {
                problems.add(where, "weight", why);
                return;
            }
            if (!Arrays.equals(conv.outputShape(), c.shape())) {
                problems.add(
                        where,
                        "shape " + Arrays.toString(c.shape()),
                        "the convolution of "
                                + Arrays.toString(current)
                                + " gives "
                                + Arrays.toString(conv.outputShape())
                                + " (Lava refuses the layer)");
                return;
            }
            CompiledLayer recorded = recorded(conv.size(), conv.fanIn());
            CompiledLayer.Builder b =
                    start(where, c.neuron(), conv.size(), conv.fanIn(), last, recorded);
            if (b == null) return;
            // Lava's conv synapse delivers the sum of the file's integer weights as they are: no
            // exponent, no clipping.
            EffectiveWeights.Mantissas m =
                    EffectiveWeights.fromDelivered(new int[][] {c.weight().values()}, 0, maxBits());
            if (m == null) {
                problems.add(
                        where,
                        "weight",
                        "needs mantissas wider than "
                                + maxBits()
                                + " bits after its common power of two is taken out");
                return;
            }
            int[] kernel = m.parts()[0];
            LavaConv.Csr csr =
                    new LavaConv(
                                    current,
                                    new IntTensor(c.weight().shape(), kernel),
                                    c.stride(),
                                    c.padding(),
                                    c.dilation(),
                                    c.groups())
                            .synapses();
            SparseWeights.Builder sw = SparseWeights.newBuilder();
            for (int s : csr.start()) sw.addSourceStart(s);
            for (int k = 0; k < csr.target().length; k++)
                sw.addTarget(csr.target()[k]).addWeight(csr.weight()[k]);
            b.setWeightExp(m.exp())
                    .setWeightBits(m.bits())
                    .setSparseWeights(sw)
                    .setWeightParameters(kernel.length);
            if (profile.getConvWeightSharing()) b.setSynapseKind(SynapseKind.SYNAPSES_CONV);
            bias(b, c.bias(), conv.size(), conv.size() / c.shape()[0], recorded, where);
            notes.add(
                    where
                            + ": "
                            + Arrays.toString(current)
                            + " -> "
                            + Arrays.toString(c.shape())
                            + ", kernel "
                            + c.weight().dim(2)
                            + "x"
                            + c.weight().dim(3)
                            + ", stride "
                            + Arrays.toString(c.stride())
                            + ", padding "
                            + Arrays.toString(c.padding())
                            + ", dilation "
                            + Arrays.toString(c.dilation())
                            + ", groups "
                            + c.groups()
                            + ": "
                            + csr.target().length
                            + " explicit synapses (Lava wraps a conv sum at 24 bits; Spikeforge"
                            + " does not, which differs only when one step's sum reaches ±2^23)");
            finish(b, c.shape());
        }

        private int maxBits() {
            return Math.min(8, profile.getWeightBits() == 0 ? 8 : profile.getWeightBits());
        }

        /** The record's layer at this position when its shape matches. */
        private CompiledLayer recorded(int size, int fanIn) {
            int k = layers.size();
            if (record == null || k >= record.getLayersCount()) return null;
            CompiledLayer r = record.getLayers(k);
            return r.getSize() == size && r.getFanIn() == fanIn ? r : null;
        }

        /** Name, source, size and neuron fields; null when the neuron cannot be imported. */
        private CompiledLayer.Builder start(
                String where,
                NetxNeuron neuron,
                int size,
                int fanIn,
                boolean last,
                CompiledLayer recorded) {
            FixedLifParams p = NeuronFields.fromNetx(neuron, last, where, problems, notes);
            if (p == null) return null;
            CompiledLayer.Builder b =
                    CompiledLayer.newBuilder()
                            .setName(
                                    recorded != null ? recorded.getName() : "layer" + layers.size())
                            .setSize(size)
                            .setSource(layers.size() - 1)
                            .setFanIn(fanIn)
                            .setScale(recorded != null ? recorded.getScale() : 1.0);
            if (recorded != null) {
                FixedLifParams rp = recorded.getNeuron();
                // IF runs exactly like CUBA with du = 4095, dv = 0: keep the recorded model when
                // the file's decays say so
                if (rp.getModel() == NeuronModel.INTEGRATE_AND_FIRE
                        && p.getDu() == FixedPoint.DECAY_UNITY - 1
                        && p.getDv() == 0) {
                    p =
                            p.toBuilder()
                                    .setModel(NeuronModel.INTEGRATE_AND_FIRE)
                                    .clearDu()
                                    .clearDv()
                                    .build();
                }
                if (p.getReadout() && rp.getReadout())
                    p = p.toBuilder().setVthMant(rp.getVthMant()).setReset(rp.getReset()).build();
                if (!p.getReadout()
                        && recorded.getVthMantsCount() == size
                        && recorded.getVthMantsList().stream()
                                .allMatch(v -> v == neuron.vThMant())) {
                    b.addAllVthMants(recorded.getVthMantsList())
                            .addAllNeuronScales(recorded.getNeuronScalesList());
                    p = p.toBuilder().setVthMant(rp.getVthMant()).build();
                }
                b.setSynapseKind(recorded.getSynapseKind())
                        .setWeightParameters(recorded.getWeightParameters());
            }
            return b.setNeuron(p);
        }

        private EffectiveWeights.Mantissas mantissas(
                LavaDenseWeights.Held held, CompiledLayer recorded, String where) {
            if (!held.exact()) {
                int changed = 0, total = 0;
                for (int p = 0; p < held.parts().length; p++) {
                    for (int k = 0; k < held.parts()[p].length; k++, total++) {
                        if ((long) held.held()[p][k] != ((long) held.parts()[p][k] << held.shift()))
                            changed++;
                    }
                }
                notes.add(
                        where
                                + ": Lava holds "
                                + changed
                                + " of "
                                + total
                                + " weights differently from the file (netx's clipping to [-256,"
                                + " 254] and Lava's truncation of low bits); imported as Lava holds"
                                + " them");
            } else if (recorded != null) {
                EffectiveWeights.Mantissas m =
                        EffectiveWeights.atExponent(
                                held.parts(),
                                recorded.getWeightExp(),
                                Math.max(1, recorded.getWeightBits()));
                if (m != null) return m;
            }
            EffectiveWeights.Mantissas m =
                    EffectiveWeights.fromDelivered(held.held(), held.shift(), maxBits());
            if (m == null)
                problems.add(
                        where,
                        "weight",
                        "needs mantissas wider than "
                                + maxBits()
                                + " bits after its common power of two is taken out "
                                + "(Spikeforge's simulator stores at most 8)");
            else if (profile.hasWeightExponent()
                    && (m.exp() < profile.getWeightExponent().getMin()
                            || m.exp() > profile.getWeightExponent().getMax())) {
                problems.add(
                        where,
                        "weight",
                        "needs weight exponent "
                                + m.exp()
                                + ", outside profile '"
                                + profile.getName()
                                + "''s range "
                                + profile.getWeightExponent().getMin()
                                + ".."
                                + profile.getWeightExponent().getMax());
                return null;
            }
            return m;
        }

        /**
         * One axon delay for the layer: Lava's per-synapse delays (clamped at 62 as netx does) must
         * agree where weights are nonzero.
         */
        private int delay(
                NetxLayer.Dense d, boolean recurrent, LavaDenseWeights.Held held, String where) {
            if (recurrent) {
                problems.add(
                        where,
                        "delay",
                        "Lava's delayed recurrent block drops the weight exponent (and delays the"
                                + " recurrent synapses too); not imported");
                return 0;
            }
            int rows = d.outFeatures(), cols = d.inFeatures();
            IntTensor t = d.delay();
            int value = -1;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (held.held()[0][r * cols + c] == 0) continue;
                    int k =
                            t.size() == 1
                                    ? 0
                                    : t.rank() == 1
                                            ? (t.size() == rows ? r : t.size() == cols ? c : -1)
                                            : r * cols + c;
                    if (k < 0 || k >= t.size()) {
                        problems.add(
                                where,
                                "delay",
                                "has shape "
                                        + Arrays.toString(t.shape())
                                        + "; Lava takes one value, one per output, one per input or"
                                        + " one per synapse");
                        return 0;
                    }
                    int v = Math.min(NetxExporter.MAX_DELAY, Math.max(0, t.get(k)));
                    if (t.get(k) > NetxExporter.MAX_DELAY && value < 0)
                        notes.add(
                                where
                                        + ": delays above "
                                        + NetxExporter.MAX_DELAY
                                        + " are clamped, as netx does");
                    if (value >= 0 && v != value) {
                        problems.add(
                                where,
                                "delay",
                                "synapses have delays "
                                        + value
                                        + " and "
                                        + v
                                        + "; Spikeforge has one axon delay per layer");
                        return 0;
                    }
                    value = v;
                }
            }
            return Math.max(0, value);
        }

        /**
         * Biases per neuron: one value for all, one per neuron, or one per output channel of a map
         * (each repeated over its positions).
         */
        private void bias(
                CompiledLayer.Builder b,
                IntTensor bias,
                int size,
                int perChannel,
                CompiledLayer recorded,
                String where) {
            if (bias == null) return;
            int[] per = new int[size];
            if (bias.size() == 1) Arrays.fill(per, bias.get(0));
            else if (bias.size() == size) per = bias.values().clone();
            else if (perChannel > 1 && bias.size() * perChannel == size)
                for (int n = 0; n < size; n++) per[n] = bias.get(n / perChannel);
            else {
                problems.add(
                        where,
                        "bias",
                        "has "
                                + bias.size()
                                + " values for "
                                + size
                                + " neurons; Lava takes one, one per neuron or one per channel");
                return;
            }
            BiasFields.Encoded e =
                    BiasFields.fromNetx(per, recorded != null ? recorded.getBiasExp() : -1);
            if (e == null) {
                problems.add(
                        where,
                        "bias",
                        "a value is beyond what a 13-bit mantissa with exponent 6 or 7 holds (Lava"
                                + " adds bias << 6)");
                return;
            }
            for (int m : e.mantissas()) b.addBiasMant(m);
            b.setBiasExp(e.exp());
        }

        private void finish(CompiledLayer.Builder b, int[] shape) {
            layers.add(b.build());
            current = shape.clone();
            flattened = false;
        }

        private static double density(int[] w) {
            if (w.length == 0) return 1;
            long nz = Arrays.stream(w).filter(x -> x != 0).count();
            return nz / (double) w.length;
        }
    }
}
