package dev.spikeforge.compiler;

import dev.spikeforge.artifact.validate.ArtifactValidator;

import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.constraint.NetworkLimits;
import dev.spikeforge.compiler.mapping.CorePlacer;
import dev.spikeforge.compiler.mapping.LayerShape;
import dev.spikeforge.compiler.mapping.Mesh;
import dev.spikeforge.compiler.mapping.Partition;
import dev.spikeforge.compiler.mapping.Partitioner;
import dev.spikeforge.compiler.mapping.Placement;
import dev.spikeforge.compiler.mapping.PlacementOptimizer;
import dev.spikeforge.compiler.mapping.RouteGraph;
import dev.spikeforge.compiler.mapping.Router;
import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.compiler.network.DenseLayer;
import dev.spikeforge.compiler.network.NetworkValidator;
import dev.spikeforge.compiler.profile.ProfileValidator;
import dev.spikeforge.compiler.quantize.Datapath;
import dev.spikeforge.compiler.quantize.LayerQuantizer;
import dev.spikeforge.compiler.quantize.QuantSpec;
import dev.spikeforge.compiler.quantize.QuantizedLayer;
import dev.spikeforge.compiler.quantize.ReadoutActivity;
import dev.spikeforge.compiler.report.ReportBuilder;
import dev.spikeforge.compiler.validate.AccuracyCheck;
import dev.spikeforge.compiler.validate.FloatRun;
import dev.spikeforge.compiler.validate.RateEstimate;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.compiler.mapping.HostLayer;
import dev.spikeforge.compiler.quantize.InputPayloads;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputPayload;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.SynapseKind;
import dev.spikeforge.proto.SynapseStorage;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.QuantizationReport;
import dev.spikeforge.proto.TrainedNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a trained float network for a chip profile: checks every hardware limit, quantizes each layer to the
 * fixed-point form, partitions layers into cores, places the cores on the mesh to lower spike traffic, routes
 * between them and, given validation samples, measures the compiled network's accuracy against the float one.
 */
public final class Compiler {
    private Compiler() {}

    public static CompiledNetwork compile(TrainedNetwork net, ChipProfile profile) {
        return compile(net, profile, CompileOptions.defaults());
    }

    /**
     * @throws dev.spikeforge.compiler.network.InvalidNetworkException if the network is malformed or unsupported
     * @throws dev.spikeforge.compiler.profile.ProfileException         if the profile is invalid
     * @throws CompilationException                                     listing every hardware limit the network breaks
     */
    public static CompiledNetwork compile(TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        Plan plan = plan(net, profile, opts);
        if (!plan.violations().isEmpty()) throw new CompilationException(net.getName(), profile.getName(), plan.violations());

        int inputSize = NetworkValidator.inputSize(net);
        String unusable = AccuracyCheck.unusable(opts.validation(), inputSize, net.getInput().getEncoding());
        FloatRun reference = unusable == null ? FloatRun.of(plan.layers(), net.getInput(), opts.validation()) : null;

        boolean[] readout = new boolean[plan.layers().size()];
        for (int l = 0; l < readout.length; l++) readout[l] = plan.layers().get(l).readout();
        SpikeRates rates = RateEstimate.of(net, readout, inputSize, reference);
        // The exponent choice weighs the shifted sum's truncation by the inputs active at once: the same rates.
        List<QuantizedLayer> quantized = quantize(net, profile, opts, plan, rates, inputSize);
        RouteGraph graph = RouteGraph.of(plan.shapes(), plan.partition(), rates);
        Mesh mesh = Mesh.of(profile, opts.chipCrossingHops());
        int cores = plan.partition().cores().size();
        // The fewest chips that hold the cores; the optimizer may use any of their slots.
        int slots = (int) Math.min((long) profile.getChips() * profile.getCoresPerChip(),
                ((long) cores + profile.getCoresPerChip() - 1) / profile.getCoresPerChip() * profile.getCoresPerChip());
        Placement placement = opts.optimizePlacement()
                ? PlacementOptimizer.place(graph, mesh, slots, opts.seed())
                : PlacementOptimizer.inOrder(graph, mesh);
        List<Core> placed = CorePlacer.cores(plan.partition(), placement.slotOfCore(), mesh);
        List<LayerQuantization> reports = quantized.stream().map(QuantizedLayer::report).toList();

        List<CompiledLayer> layers = storageKinds(plan.layers(), quantized, profile);
        InputPayload payload = null;
        if (plan.inputMode() != InputMode.INPUT_SPIKES) {
            // Analog input: its values become payloads, and the first layer's exponent absorbs their fraction bits.
            float gain = net.getInput().getGain() == 0 ? 1f : net.getInput().getGain();
            InputPayloads.Choice c = InputPayloads.choose(layers.get(0), gain, profile, plan.inputMode());
            layers.set(0, layers.get(0).toBuilder().setWeightExp(c.weightExp()).setOnHost(plan.inputMode() == InputMode.INPUT_HOST).build());
            payload = c.payload();
        }
        CompiledNetwork.Builder chip = CompiledNetwork.newBuilder()
                .setName(net.getName())
                .setProfile(profile)
                .setInput(net.getInput())
                .setInputSize(inputSize)
                .addAllLayers(layers)
                .addAllCores(placed)
                .addAllRoutes(Router.routes(graph, placement.slotOfCore(), mesh))
                .setReport(ReportBuilder.build(reports, placed, profile).toBuilder()
                        .setMapping(ReportBuilder.mapping(graph, placement, rates, coreSpikes(plan.partition(), rates)))
                        .setRounding(opts.rounding().name())
                        .setScaleRule(opts.scaleRule().resolve(plan.weightBits()).name())
                        .setScaleMode(opts.scaleMode().name()));
        if (payload != null) chip.setInputPayload(payload);
        if (plan.inputMode() == InputMode.INPUT_HOST) {
            // The host computes layer 0: its cores leave the chip, its spikes enter as input, and the report counts the rest.
            HostLayer.detach(chip, mesh);
            QuantizationReport kept = ReportBuilder.build(reports, chip.getCoresList(), profile);
            chip.getReportBuilder().setCoresUsed(kept.getCoresUsed()).setChipsUsed(kept.getChipsUsed())
                    .setNeuronUtilization(kept.getNeuronUtilization()).setSynapseUtilization(kept.getSynapseUtilization());
        }
        // What the compiler writes must pass the same validator every reader applies, or no reader could load it.
        ArtifactValidator.requireValid(chip.build());
        var accuracy = reference == null ? AccuracyCheck.skipped(unusable) : AccuracyCheck.measure(chip.build(), opts.validation(), reference);
        chip.getReportBuilder().setAccuracy(accuracy);
        return chip.build();
    }

    /**
     * Every hardware limit the network breaks on the profile, without quantizing (except to count weight levels
     * on axon-type chips) or placing; empty when it fits. For tools that check a network before committing to a
     * compile: it costs one pass over the weights.
     */
    public static List<ConstraintViolation> check(TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        return plan(net, profile, opts).violations();
    }

    /** The partition a compile would use (cores per layer), violations included; for reports before compiling. */
    public static Partition partition(TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        return plan(net, profile, opts).partition();
    }

    /**
     * Each layer with how the chip stores its synapses (a conv layer's shared kernel where the profile shares conv
     * weights, else the profile's storage) and its distinct trained weights, for the cost model and ANN baseline.
     */
    private static List<CompiledLayer> storageKinds(List<DenseLayer> layers, List<QuantizedLayer> quantized, ChipProfile profile) {
        List<CompiledLayer> out = new ArrayList<>();
        for (int l = 0; l < quantized.size(); l++) {
            DenseLayer d = layers.get(l);
            CompiledLayer.Builder b = quantized.get(l).layer().toBuilder();
            boolean sharesKernels = profile.getConvWeightSharing() || profile.getSynapseStorage() == SynapseStorage.KERNEL_MEMORY;
            if (d.conv() && sharesKernels) b.setSynapseKind(SynapseKind.SYNAPSES_CONV);
            if (d.tying() != null) b.setWeightParameters(d.tying().params().length);
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

    private static List<QuantizedLayer> quantize(TrainedNetwork net, ChipProfile profile, CompileOptions opts, Plan plan,
                                                 SpikeRates rates, int inputSize) {
        // A readout may integrate for the input's steps plus one step of delay per layer.
        int readoutSteps = net.getInput().getSteps() + plan.layers().size();
        Datapath datapath = Datapath.of(profile);
        List<QuantizedLayer> out = new ArrayList<>();
        for (DenseLayer l : plan.layers()) {
            double activity = ReadoutActivity.estimate(net, l.index(), opts.readoutActivity());
            QuantSpec spec = new QuantSpec(plan.weightBits(), opts.rounding(), opts.scaleRule(), datapath, profile.getLifModel(),
                    readoutSteps, activity, opts.scaleMode())
                    .withInputRates(sourceRate(plan.layers(), l.source(), rates, inputSize), l.recurrent() ? sourceRate(plan.layers(), l.index(), rates, inputSize) : Double.NaN);
            out.add(LayerQuantizer.quantize(l, spec));
        }
        return out;
    }

    /** Expected spikes per step of one neuron of layer {@code source} (-1: one input axon). */
    private static double sourceRate(List<DenseLayer> layers, int source, SpikeRates rates, int inputSize) {
        if (source < 0) return inputSize == 0 ? 0 : rates.hostRate() / inputSize;
        int size = layers.get(source).size();
        return size == 0 ? 0 : rates.range(source, 0, size) / size;
    }

    /** What compile and check share: validated inputs, the partition and the limits it breaks. */
    private record Plan(List<DenseLayer> layers, int weightBits, List<LayerShape> shapes, Partition partition,
                        List<ConstraintViolation> violations, InputMode inputMode) {}

    private static Plan plan(TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        List<DenseLayer> layers = NetworkValidator.validate(net);
        ProfileValidator.validate(profile, "profile '" + profile.getName() + "'");
        int bits = opts.effectiveWeightBits(profile.getWeightBits());
        List<LayerShape> shapes = layers.stream().map(l -> LayerShape.of(l, bits, levels(l, bits, profile, opts))).toList();
        Partition partition = Partitioner.partition(shapes, profile);
        InputMode mode = opts.inputMode().resolve(net.getInput().getEncoding(), profile);
        // The chip's input is the image, or with a host-side first layer that layer's spikes: the host has no limits.
        int chipInputs = mode == InputMode.INPUT_HOST ? layers.get(0).size() : NetworkValidator.inputSize(net);
        List<ConstraintViolation> all = new ArrayList<>(NetworkLimits.violations(layers, chipInputs, bits, profile,
                net.getInput().getEncoding(), mode));
        String first = layers.get(0).name();
        for (ConstraintViolation v : partition.violations()) if (mode != InputMode.INPUT_HOST || !v.layer().equals(first)) all.add(v);
        return new Plan(layers, bits, shapes, partition, all, mode);
    }

    /** Distinct nonzero weights per neuron after quantization; computed only where a profile limits them. */
    private static int levels(DenseLayer l, int bits, ChipProfile p, CompileOptions opts) {
        if (p.getAxonTypes() == 0) return 0;
        return LayerQuantizer.quantize(l, new QuantSpec(bits, opts.rounding(), opts.scaleRule(), Datapath.of(p), p.getLifModel(), 1, 1, opts.scaleMode()))
                .report().getMaxWeightLevels();
    }
}
