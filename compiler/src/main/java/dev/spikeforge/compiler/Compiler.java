package dev.spikeforge.compiler;

import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.constraint.NetworkLimits;
import dev.spikeforge.compiler.constraint.ResidualLimits;
import dev.spikeforge.compiler.layers.ChipLayers;
import dev.spikeforge.compiler.layers.FloatLayer;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.layers.PoolingChoice;
import dev.spikeforge.compiler.layers.SumChoice;
import dev.spikeforge.compiler.mapping.CorePlacer;
import dev.spikeforge.compiler.mapping.HostLayer;
import dev.spikeforge.compiler.mapping.LayerShape;
import dev.spikeforge.compiler.mapping.Mesh;
import dev.spikeforge.compiler.mapping.Partition;
import dev.spikeforge.compiler.mapping.Partitioner;
import dev.spikeforge.compiler.mapping.Placement;
import dev.spikeforge.compiler.mapping.PlacementOptimizer;
import dev.spikeforge.compiler.mapping.RouteGraph;
import dev.spikeforge.compiler.mapping.Router;
import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.compiler.profile.ProfileValidator;
import dev.spikeforge.compiler.quantize.Datapath;
import dev.spikeforge.compiler.quantize.InputPayloads;
import dev.spikeforge.compiler.quantize.LayerQuantizer;
import dev.spikeforge.compiler.quantize.PoolingLayers;
import dev.spikeforge.compiler.quantize.QuantSpec;
import dev.spikeforge.compiler.quantize.QuantizedLayer;
import dev.spikeforge.compiler.quantize.ReadoutActivity;
import dev.spikeforge.compiler.quantize.SumLayers;
import dev.spikeforge.compiler.report.ReportBuilder;
import dev.spikeforge.compiler.validate.AccuracyCheck;
import dev.spikeforge.compiler.validate.ChipRates;
import dev.spikeforge.compiler.validate.FloatRun;
import dev.spikeforge.compiler.validate.RateEstimate;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputPayload;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.QuantizationReport;
import dev.spikeforge.proto.SynapseKind;
import dev.spikeforge.proto.SynapseStorage;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.validate.ArtifactValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a trained float network for a chip profile: checks every hardware limit, quantizes each
 * layer to the fixed-point form, partitions layers into cores, places the cores on the mesh to
 * lower spike traffic, routes between them and, given validation samples, measures the compiled
 * network's accuracy against the float one.
 */
public final class Compiler {
    private Compiler() {}

    public static CompiledNetwork compile(TrainedNetwork net, ChipProfile profile) {
        return compile(net, profile, CompileOptions.defaults());
    }

    /**
     * @throws dev.spikeforge.compiler.layers.InvalidNetworkException if the network is malformed or
     *     unsupported
     * @throws dev.spikeforge.compiler.profile.ProfileException if the profile is invalid
     * @throws CompilationException listing every hardware limit the network breaks
     */
    public static CompiledNetwork compile(
            TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        Plan plan = plan(net, profile, opts);
        if (!plan.violations().isEmpty())
            throw new CompilationException(net.getName(), profile.getName(), plan.violations());

        int inputSize = NetworkValidator.inputSize(net);
        String unusable =
                AccuracyCheck.unusable(opts.validation(), inputSize, net.getInput().getEncoding());
        List<FloatLayer> trained = plan.chip().trained();
        FloatRun reference =
                unusable == null ? FloatRun.of(trained, net.getInput(), opts.validation()) : null;

        boolean[] readout = new boolean[trained.size()];
        for (int l = 0; l < readout.length; l++) readout[l] = trained.get(l).readout();
        SpikeRates trainedRates = RateEstimate.of(net, readout, inputSize, reference);
        SpikeRates rates = ChipRates.of(trainedRates, plan.chip());
        // The exponent choice weighs the shifted sum's truncation by the inputs active at once: the
        // same rates.
        List<QuantizedLayer> quantized =
                quantize(net, profile, opts, plan, trainedRates, inputSize);
        RouteGraph graph = RouteGraph.of(plan.shapes(), plan.partition(), rates);
        Mesh mesh = Mesh.of(profile, opts.chipCrossingHops());
        int cores = plan.partition().cores().size();
        // The fewest chips that hold the cores; the optimizer may use any of their slots.
        int slots =
                (int)
                        Math.min(
                                (long) profile.getChips() * profile.getCoresPerChip(),
                                ((long) cores + profile.getCoresPerChip() - 1)
                                        / profile.getCoresPerChip()
                                        * profile.getCoresPerChip());
        Placement placement =
                opts.optimizePlacement()
                        ? PlacementOptimizer.place(graph, mesh, slots, opts.seed())
                        : PlacementOptimizer.inOrder(graph, mesh);
        List<Core> placed = CorePlacer.cores(plan.partition(), placement.slotOfCore(), mesh);
        List<LayerQuantization> reports = quantized.stream().map(QuantizedLayer::report).toList();

        List<CompiledLayer> layers = storageKinds(plan.chip(), quantized, profile);
        InputPayload payload = null;
        if (plan.inputMode() != InputMode.INPUT_SPIKES) {
            // Analog input: its values become payloads, and the first layer's exponent absorbs
            // their fraction bits.
            float gain = net.getInput().getGain() == 0 ? 1f : net.getInput().getGain();
            InputPayloads.Choice c =
                    InputPayloads.choose(layers.get(0), gain, profile, plan.inputMode());
            layers.set(
                    0,
                    layers.get(0).toBuilder()
                            .setWeightExp(c.weightExp())
                            .setOnHost(plan.inputMode() == InputMode.INPUT_HOST)
                            .build());
            payload = c.payload();
        }
        // Each pooling layer on the way delays the readout by one step: the chip runs that much
        // longer, and the steps
        // added carry input that never reaches the readout (every path to it is as late, see
        // ChipLayers.unevenlyLate).
        int delay = plan.chip().delay();
        CompiledNetwork.Builder chip =
                CompiledNetwork.newBuilder()
                        .setName(net.getName())
                        .setProfile(profile)
                        .setInput(
                                delay == 0
                                        ? net.getInput()
                                        : net.getInput().toBuilder()
                                                .setSteps(net.getInput().getSteps() + delay)
                                                .build())
                        .setInputSize(inputSize)
                        .addAllLayers(layers)
                        .addAllCores(placed)
                        .addAllRoutes(Router.routes(graph, placement.slotOfCore(), mesh))
                        .setReport(
                                ReportBuilder.build(reports, placed, profile).toBuilder()
                                        .setMapping(
                                                ReportBuilder.mapping(
                                                        graph,
                                                        placement,
                                                        rates,
                                                        coreSpikes(plan.partition(), rates)))
                                        .setRounding(opts.rounding().name())
                                        .setScaleRule(
                                                opts.scaleRule().resolve(plan.weightBits()).name())
                                        .setScaleMode(opts.scaleMode().name()));
        if (payload != null) chip.setInputPayload(payload);
        if (plan.inputMode() == InputMode.INPUT_HOST) {
            // The host computes layer 0: its cores leave the chip, its spikes enter as input, and
            // the report counts the rest.
            HostLayer.detach(chip, mesh);
            QuantizationReport kept = ReportBuilder.build(reports, chip.getCoresList(), profile);
            chip.getReportBuilder()
                    .setCoresUsed(kept.getCoresUsed())
                    .setChipsUsed(kept.getChipsUsed())
                    .setNeuronUtilization(kept.getNeuronUtilization())
                    .setSynapseUtilization(kept.getSynapseUtilization());
        }
        // What the compiler writes must pass the same validator every reader applies, or no reader
        // could load it.
        ArtifactValidator.requireValid(chip.build());
        var accuracy =
                reference == null
                        ? AccuracyCheck.skipped(unusable)
                        : AccuracyCheck.measure(chip.build(), opts.validation(), reference);
        chip.getReportBuilder().setAccuracy(accuracy);
        return chip.build();
    }

    /**
     * Every hardware limit the network breaks on the profile, without quantizing (except to count
     * weight levels on axon-type chips) or placing; empty when it fits. For tools that check a
     * network before committing to a compile: it costs one pass over the weights.
     */
    public static List<ConstraintViolation> check(
            TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        return plan(net, profile, opts).violations();
    }

    /**
     * The partition a compile would use (cores per layer), violations included; for reports before
     * compiling.
     */
    public static Partition partition(
            TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        return plan(net, profile, opts).partition();
    }

    /**
     * The layers as the chip would run them (pooling layers included), for reports before
     * compiling.
     */
    public static ChipLayers chipLayers(
            TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        return plan(net, profile, opts).chip();
    }

    /**
     * Each layer with how the chip stores its synapses (a conv layer's shared kernel where the
     * profile shares conv weights, else the profile's storage) and its distinct trained weights,
     * for the cost model and ANN baseline.
     */
    private static List<CompiledLayer> storageKinds(
            ChipLayers chip, List<QuantizedLayer> quantized, ChipProfile profile) {
        List<CompiledLayer> out = new ArrayList<>();
        for (int l = 0; l < quantized.size(); l++) {
            CompiledLayer.Builder b = quantized.get(l).layer().toBuilder();
            if (chip.get(l) instanceof ChipLayers.Trained t) {
                FloatLayer d = t.layer();
                boolean sharesKernels =
                        profile.getConvWeightSharing()
                                || profile.getSynapseStorage() == SynapseStorage.KERNEL_MEMORY;
                if (d.conv() && sharesKernels) b.setSynapseKind(SynapseKind.SYNAPSES_CONV);
                if (d.tying() != null) b.setWeightParameters(d.tying().params().length);
            } else {
                b.setWeightParameters(1); // one weight, repeated on every synapse
            }
            out.add(b.build());
        }
        return out;
    }

    private static double[] coreSpikes(Partition p, SpikeRates rates) {
        double[] s = new double[p.cores().size()];
        for (int c = 0; c < s.length; c++) {
            var u = p.cores().get(c);
            s[c] = rates.range(u.layer(), u.range().begin(), u.range().end());
        }
        return s;
    }

    private static List<QuantizedLayer> quantize(
            TrainedNetwork net,
            ChipProfile profile,
            CompileOptions opts,
            Plan plan,
            SpikeRates trainedRates,
            int inputSize) {
        ChipLayers chip = plan.chip();
        // A readout may integrate for the input's steps plus one step of delay per layer.
        int readoutSteps = net.getInput().getSteps() + chip.size();
        Datapath datapath = Datapath.of(profile);
        List<QuantizedLayer> out = new ArrayList<>();
        for (int c = 0; c < chip.size(); c++) {
            if (chip.get(c) instanceof ChipLayers.Pooling p) {
                out.add(PoolingLayers.of(p.name(), p.source(), p.map(), profile));
                continue;
            }
            if (chip.get(c) instanceof ChipLayers.Sum s) {
                out.add(SumLayers.of(s.name(), s.sources(), s.size(), chip.payload(c), profile));
                continue;
            }
            ChipLayers.Trained t = (ChipLayers.Trained) chip.get(c);
            // Each layer is quantized in its trained form: a pooled source read folded (the
            // pre-pool neurons' binary
            // spikes, whose sums it sees either way), or by windows beside unpooled ones (up to
            // pool² per column);
            // then laid out over the pooling layers' payloads where the chip reads those, and
            // pointed at chip layers.
            FloatLayer l = chip.trained().get(t.trainedIndex());
            double activity = ReadoutActivity.estimate(net, l.sources(), opts.readoutActivity());
            QuantSpec spec =
                    new QuantSpec(
                                    plan.weightBits(),
                                    opts.rounding(),
                                    opts.scaleRule(),
                                    datapath,
                                    profile.getLifModel(),
                                    readoutSteps,
                                    activity,
                                    opts.scaleMode())
                            .withInputRates(
                                    inputRate(l.sources(), trainedRates, inputSize, chip.trained()),
                                    l.recurrent()
                                            ? meanRate(
                                                    t.trainedIndex(),
                                                    trainedRates,
                                                    inputSize,
                                                    chip.trained())
                                            : Double.NaN);
            QuantizedLayer q = LayerQuantizer.quantize(l, spec);
            q =
                    t.unfolded()
                            ? PoolingLayers.unfold(q, l.tying(), t.layer())
                            : q.reading(t.layer().sources());
            out.add(q);
        }
        return out;
    }

    /**
     * Expected value one column of a layer reading {@code sources} (trained indices) receives per
     * step: each source's mean rate, times pool² for one read by windows (a window's count).
     */
    private static double inputRate(
            dev.spikeforge.compiler.layers.Sources sources,
            SpikeRates rates,
            int inputSize,
            List<FloatLayer> trained) {
        double r = 0;
        for (int k = 0; k < sources.count(); k++)
            r += sources.payload(k) * meanRate(sources.layer(k), rates, inputSize, trained);
        return r;
    }

    /**
     * Expected spikes per step of one neuron of trained layer {@code source} (-1: one input axon).
     */
    private static double meanRate(
            int source, SpikeRates rates, int inputSize, List<FloatLayer> trained) {
        if (source < 0) return inputSize == 0 ? 0 : rates.hostRate() / inputSize;
        int size = trained.get(source).size();
        return size == 0 ? 0 : rates.range(source, 0, size) / size;
    }

    /**
     * What compile and check share: validated inputs, the layers as the chip runs them, the
     * partition and the limits it breaks.
     */
    private record Plan(
            ChipLayers chip,
            int weightBits,
            List<LayerShape> shapes,
            Partition partition,
            List<ConstraintViolation> violations,
            InputMode inputMode) {}

    private static Plan plan(TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        List<FloatLayer> layers = NetworkValidator.validate(net);
        ProfileValidator.validate(profile, "profile '" + profile.getName() + "'");
        int bits = opts.effectiveWeightBits(profile.getWeightBits());
        // Every pooling folded that can be: a pooled map summed with unpooled ones gets its pooling
        // layer regardless.
        Set<Integer> pooledUsed = Set.of();
        ChipLayers chip = ChipLayers.of(net, layers, pooledUsed);
        int required = chip.poolingLayers();
        List<LayerShape> shapes = shapes(chip, bits, profile, opts);
        Partition partition = Partitioner.partition(shapes, profile);
        Set<Integer> pooled = poolingLayers(net, layers, opts.pooling(), partition, profile);
        if (!pooled.isEmpty()) {
            pooledUsed = pooled;
            chip = ChipLayers.of(net, layers, pooled);
            shapes = shapes(chip, bits, profile, opts);
            partition = Partitioner.partition(shapes, profile);
        }
        List<Integer> sources = ChipLayers.pooledSources(net, layers);
        if (opts.pooling() == PoolingChoice.AUTO
                && profile.getGradedSpikeBits() > 0
                && chip.poolingLayers() < sources.size()) {
            // Folded, a reader's cores take every pre-pool neuron as an input axon, which can cut
            // them to a few neurons
            // each: with every pooling as a layer, if that needs fewer cores, it is taken. Not
            // where it would make a
            // residual sum's sources arrive on different steps (SOURCE_DELAY), which folding
            // avoids.
            ChipLayers all = ChipLayers.of(net, layers, new TreeSet<>(sources));
            List<LayerShape> allShapes = shapes(all, bits, profile, opts);
            Partition allPartition = Partitioner.partition(allShapes, profile);
            if (all.unevenlyLate().size() <= chip.unevenlyLate().size()
                    && allPartition.violations().size() <= partition.violations().size()
                    && allPartition.cores().size() < partition.cores().size()) {
                chip = all;
                shapes = allShapes;
                partition = allPartition;
                pooledUsed = new TreeSet<>(sources);
            }
        }
        Set<Integer> sums = sumLayers(layers, opts.sums(), partition, profile);
        if (!sums.isEmpty()) {
            chip = ChipLayers.of(net, layers, pooledUsed, sums);
            shapes = shapes(chip, bits, profile, opts);
            partition = Partitioner.partition(shapes, profile);
        }
        InputMode mode = opts.inputMode().resolve(net.getInput().getEncoding(), profile);
        // The chip's input is the image, or with a host-side first layer that layer's spikes: the
        // host has no limits.
        int chipInputs =
                mode == InputMode.INPUT_HOST
                        ? layers.get(0).size()
                        : NetworkValidator.inputSize(net);
        List<ConstraintViolation> all =
                new ArrayList<>(
                        NetworkLimits.violations(
                                layers,
                                chipInputs,
                                bits,
                                profile,
                                net.getInput().getEncoding(),
                                mode));
        all.addAll(ResidualLimits.violations(layers, chip, profile, mode));
        if (chip.poolingLayers() > required && profile.getGradedSpikeBits() == 0) {
            all.add(
                    new ConstraintViolation(
                            ConstraintViolation.NETWORK,
                            ConstraintViolation.GRADED_SPIKES,
                            1,
                            0,
                            "a pooling layer sends each window's spike count as a graded spike, and"
                                    + " the chip has none: compile with --pooling fold"));
        }
        if (chip.sumLayers() > 0 && profile.getGradedSpikeBits() == 0) {
            all.add(
                    new ConstraintViolation(
                            ConstraintViolation.NETWORK,
                            ConstraintViolation.GRADED_SPIKES,
                            1,
                            0,
                            "a sum layer sends each column's total over a residual sum's sources as"
                                    + " a graded spike, and the chip has none: compile with --sums"
                                    + " direct"));
        }
        String first = layers.get(0).name();
        for (ConstraintViolation v : partition.violations())
            if (mode != InputMode.INPUT_HOST || !v.layer().equals(first)) all.add(v);
        return new Plan(chip, bits, shapes, partition, all, mode);
    }

    private static List<LayerShape> shapes(
            ChipLayers chip, int bits, ChipProfile profile, CompileOptions opts) {
        List<LayerShape> shapes = new ArrayList<>();
        for (ChipLayers.Layer l : chip.layers()) {
            if (l instanceof ChipLayers.Trained t)
                shapes.add(LayerShape.of(t.layer(), bits, levels(t.layer(), bits, profile, opts)));
            else if (l instanceof ChipLayers.Pooling p)
                shapes.add(
                        LayerShape.pooling(
                                p.name(), p.source(), p.map(), PoolingLayers.weightBits(profile)));
            else if (l instanceof ChipLayers.Sum s)
                shapes.add(
                        LayerShape.sum(
                                s.name(),
                                s.size(),
                                s.sources().layers(),
                                PoolingLayers.weightBits(profile)));
        }
        return shapes;
    }

    /**
     * Trained layers whose pooled output gets a pooling layer, besides those a residual sum
     * requires (see ChipLayers): every pooled map with --pooling layer; with auto, those with a
     * reader whose folded synapses break a fan-in or input-axon limit, on a chip with graded spikes
     * (and then every one, when that takes fewer cores: see plan).
     */
    private static Set<Integer> poolingLayers(
            TrainedNetwork net,
            List<FloatLayer> layers,
            PoolingChoice choice,
            Partition folded,
            ChipProfile profile) {
        Set<Integer> out = new TreeSet<>();
        if (choice == PoolingChoice.FOLD) return out;
        for (int s : ChipLayers.pooledSources(net, layers)) {
            List<String> readers = ChipLayers.readersOf(layers, s);
            boolean breaks =
                    folded.violations().stream()
                            .anyMatch(
                                    v ->
                                            readers.contains(v.layer())
                                                    && (v.constraint()
                                                                    .equals(
                                                                            ConstraintViolation
                                                                                    .FAN_IN)
                                                            || v.constraint()
                                                                    .equals(
                                                                            ConstraintViolation
                                                                                    .INPUT_AXONS)));
            if (choice == PoolingChoice.LAYER || (breaks && profile.getGradedSpikeBits() > 0))
                out.add(s);
        }
        return out;
    }

    /**
     * Trained layers that read their residual sum through a sum layer: every summed layer with
     * --sums layer; with auto, on a chip with graded spikes, those whose direct reading (a synapse
     * per column per source) breaks a fan-in or input-axon limit in {@code direct}.
     */
    private static Set<Integer> sumLayers(
            List<FloatLayer> layers, SumChoice choice, Partition direct, ChipProfile profile) {
        Set<Integer> out = new TreeSet<>();
        if (choice == SumChoice.DIRECT
                || (choice == SumChoice.AUTO && profile.getGradedSpikeBits() == 0)) return out;
        for (FloatLayer d : layers) {
            if (!d.sources().summed()) continue;
            boolean breaks =
                    direct.violations().stream()
                            .anyMatch(
                                    v ->
                                            v.layer().equals(d.name())
                                                    && (v.constraint()
                                                                    .equals(
                                                                            ConstraintViolation
                                                                                    .FAN_IN)
                                                            || v.constraint()
                                                                    .equals(
                                                                            ConstraintViolation
                                                                                    .INPUT_AXONS)));
            if (choice == SumChoice.LAYER || breaks) out.add(d.index());
        }
        return out;
    }

    /**
     * Distinct nonzero weights per neuron after quantization; computed only where a profile limits
     * them.
     */
    private static int levels(FloatLayer l, int bits, ChipProfile p, CompileOptions opts) {
        if (p.getAxonTypes() == 0) return 0;
        return LayerQuantizer.quantize(
                        l,
                        new QuantSpec(
                                bits,
                                opts.rounding(),
                                opts.scaleRule(),
                                Datapath.of(p),
                                p.getLifModel(),
                                1,
                                1,
                                opts.scaleMode()))
                .report()
                .getMaxWeightLevels();
    }
}
