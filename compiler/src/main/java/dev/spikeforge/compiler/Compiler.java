package dev.spikeforge.compiler;

import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.mapping.CorePlacer;
import dev.spikeforge.compiler.mapping.LayerFootprint;
import dev.spikeforge.compiler.mapping.Mesh;
import dev.spikeforge.compiler.mapping.Partition;
import dev.spikeforge.compiler.mapping.Partitioner;
import dev.spikeforge.compiler.mapping.Router;
import dev.spikeforge.compiler.network.DenseLayer;
import dev.spikeforge.compiler.network.NetworkValidator;
import dev.spikeforge.compiler.profile.ProfileValidator;
import dev.spikeforge.compiler.quantize.LayerQuantizer;
import dev.spikeforge.compiler.quantize.QuantizedLayer;
import dev.spikeforge.compiler.quantize.ReadoutActivity;
import dev.spikeforge.compiler.report.ReportBuilder;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.TrainedNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a trained float network for a chip profile: checks every hardware limit, quantizes each layer to the
 * fixed-point LIF form, partitions layers into cores, places the cores on the mesh and routes between them.
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

        // A readout may integrate for the input's steps plus one step of delay per layer.
        int readoutSteps = net.getInput().getSteps() + plan.layers().size();
        List<QuantizedLayer> quantized = new ArrayList<>();
        for (DenseLayer l : plan.layers()) {
            double activity = ReadoutActivity.estimate(net, l.index(), opts.readoutActivity());
            quantized.add(LayerQuantizer.quantize(l, plan.weightBits(), opts.rounding(), readoutSteps, activity));
        }
        Mesh mesh = Mesh.of(profile, opts.chipCrossingHops());
        List<Core> cores = CorePlacer.place(plan.footprints(), plan.partition(), profile, mesh);
        List<LayerQuantization> reports = quantized.stream().map(QuantizedLayer::report).toList();
        return CompiledNetwork.newBuilder()
                .setName(net.getName())
                .setProfile(profile)
                .setInput(net.getInput())
                .setInputSize(NetworkValidator.inputSize(net))
                .addAllLayers(quantized.stream().map(QuantizedLayer::layer).toList())
                .addAllCores(cores)
                .addAllRoutes(Router.route(cores, mesh))
                .setReport(ReportBuilder.build(reports, cores, profile))
                .build();
    }

    /**
     * Every hardware limit the network breaks on the profile, without quantizing; empty when it fits. For tools
     * that check a network before committing to a compile.
     */
    public static List<ConstraintViolation> check(TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        return plan(net, profile, opts).violations();
    }

    /** What compile and check share: validated inputs, the partition and the limits it breaks. */
    private record Plan(List<DenseLayer> layers, int weightBits, List<LayerFootprint> footprints, Partition partition,
                        List<ConstraintViolation> violations) {}

    private static Plan plan(TrainedNetwork net, ChipProfile profile, CompileOptions opts) {
        List<DenseLayer> layers = NetworkValidator.validate(net);
        ProfileValidator.validate(profile, "profile '" + profile.getName() + "'");
        int bits = opts.effectiveWeightBits(profile.getWeightBits());
        List<LayerFootprint> footprints = layers.stream().map(l -> new LayerFootprint(l.name(), l.size(), l.fanIn(), bits)).toList();
        Partition partition = Partitioner.partition(footprints, profile);
        return new Plan(layers, bits, footprints, partition, violations(profile, bits, partition));
    }

    private static List<ConstraintViolation> violations(ChipProfile profile, int bits, Partition partition) {
        List<ConstraintViolation> all = new ArrayList<>();
        if (bits > profile.getWeightBits()) {
            all.add(new ConstraintViolation(ConstraintViolation.NETWORK, ConstraintViolation.WEIGHT_BITS, bits, profile.getWeightBits(),
                    "request at most the profile's weight bits"));
        }
        all.addAll(partition.violations());
        return all;
    }
}
